import { paginated, parsePagination } from "../../../mixins/pagination";

describe("pagination of list endpoints", () => {
  it.each([
    [{}, { page: 1, limit: 20 }],
    [
      { page: "0", limit: "0" },
      { page: 1, limit: 1 },
    ],
    [
      { page: "-3", limit: "2000" },
      { page: 1, limit: 1000 },
    ],
    [
      { page: "2", limit: "1000" },
      { page: 2, limit: 1000 },
    ],
    [
      { page: "3", limit: "10" },
      { page: 3, limit: 10 },
    ],
    [
      { page: "abc", limit: "x" },
      { page: 1, limit: 20 },
    ],
  ])("clamps %j to %j", (input, expected) => {
    expect(parsePagination(input)).toMatchObject(expected);
  });

  it("computes the offset and wraps rows", () => {
    const p = parsePagination({ page: "3", limit: "10" });
    expect(p.offset).toBe(20);
    expect(paginated([1, 2], 22, p)).toEqual({ data: [1, 2], page: 3, limit: 10, total: 22 });
  });
});

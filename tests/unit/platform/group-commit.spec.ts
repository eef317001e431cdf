import { GroupCommit } from "../../../mixins/audit/group-commit";

describe("group commit", () => {
  it("writes the first item at once and everything that arrived meanwhile in the next batch", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const g = new GroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
    });
    const first = g.add(1);
    const rest = [2, 3, 4].map((n) => g.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("rejects exactly the callers whose batch failed", async () => {
    const g = new GroupCommit<number>(async (items) => {
      if (items.includes(13)) throw new Error("unlucky");
    });
    await expect(g.add(13)).rejects.toThrow("unlucky");
    await expect(g.add(14)).resolves.toBeUndefined();
  });

  it("splits long queues into batches of the given size", async () => {
    const sizes: number[] = [];
    const g = new GroupCommit<number>(async (items) => void sizes.push(items.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => g.add(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});

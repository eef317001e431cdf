import { blockingChange, parseBoolFilter } from "../../../services/therapist/domain/fields";

describe("blocking a therapist (domain.md 2.5)", () => {
  it("reports a block when the status becomes gesperrt, also for a new record", () => {
    expect(blockingChange({ status: "aktiv" }, { status: "gesperrt" })).toBe("blocked");
    expect(blockingChange({ status: "inaktiv" }, { status: "gesperrt" })).toBe("blocked");
    expect(blockingChange(null, { status: "gesperrt" })).toBe("blocked");
  });

  it("reports an unblock when a blocked therapist gets any other status", () => {
    expect(blockingChange({ status: "gesperrt" }, { status: "aktiv" })).toBe("unblocked");
    expect(blockingChange({ status: "gesperrt" }, { status: "inaktiv" })).toBe("unblocked");
  });

  it("reports nothing when the block does not change", () => {
    expect(blockingChange({ status: "gesperrt" }, { status: "gesperrt" })).toBeNull();
    expect(blockingChange({ status: "aktiv" }, { status: "inaktiv" })).toBeNull();
    expect(blockingChange(null, { status: "aktiv" })).toBeNull();
  });
});

describe("boolean list filters (domain.md 4.3)", () => {
  it("reads true and false as text or booleans", () => {
    expect(parseBoolFilter("true")).toEqual({ value: true, error: null });
    expect(parseBoolFilter(true)).toEqual({ value: true, error: null });
    expect(parseBoolFilter("false")).toEqual({ value: false, error: null });
    expect(parseBoolFilter(false)).toEqual({ value: false, error: null });
  });

  it("means no filter when absent or empty", () => {
    expect(parseBoolFilter(undefined)).toEqual({ value: null, error: null });
    expect(parseBoolFilter("")).toEqual({ value: null, error: null });
  });

  it("refuses anything else with the contract's message", () => {
    for (const v of ["yes", "1", "TRUE", 0, null])
      expect(parseBoolFilter(v)).toEqual({
        value: null,
        error: `Invalid boolean value '${String(v)}'. Use 'true' or 'false'.`,
      });
  });
});

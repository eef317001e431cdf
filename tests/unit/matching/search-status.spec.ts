import { searchUpdateError } from "../../../services/matching/domain/transitions";
import { SUCHSTATUS, type Suchstatus } from "../../../services/shared/enums";

const at = (status: Suchstatus, vermittelter_therapeut_id: number | null = null) => ({
  status,
  vermittelter_therapeut_id,
});

describe("search status changes (domain.md 3.3)", () => {
  it("lets an active search pause, end or be abandoned", () => {
    expect(searchUpdateError(at("aktiv"), { status: "pausiert" })).toBeNull();
    expect(searchUpdateError(at("aktiv"), { status: "abgebrochen" })).toBeNull();
    expect(
      searchUpdateError(at("aktiv"), { status: "erfolgreich", vermittelter_therapeut_id: 4 }),
    ).toBeNull();
  });

  it("resumes a paused search, or abandons it, but does not place it directly", () => {
    expect(searchUpdateError(at("pausiert"), { status: "aktiv" })).toBeNull();
    expect(searchUpdateError(at("pausiert"), { status: "abgebrochen" })).toBeNull();
    expect(searchUpdateError(at("pausiert"), { status: "erfolgreich", vermittelter_therapeut_id: 4 })).toBe(
      "Invalid status transition from 'pausiert' to 'erfolgreich'",
    );
  });

  it("keeps a finished search finished", () => {
    for (const end of ["erfolgreich", "abgebrochen"] as const)
      for (const next of SUCHSTATUS.filter((s) => s !== end))
        expect(searchUpdateError(at(end, 4), { status: next })).toBe(
          `Invalid status transition from '${end}' to '${next}'`,
        );
  });

  it("treats setting the current status again as no change", () => {
    for (const s of SUCHSTATUS) expect(searchUpdateError(at(s, 4), { status: s })).toBeNull();
  });

  it("refuses an unknown status with the list of valid ones", () => {
    expect(searchUpdateError(at("aktiv"), { status: "fertig" })).toBe(
      "Invalid status 'fertig'. Valid values: aktiv, erfolgreich, pausiert, abgebrochen",
    );
    expect(searchUpdateError(at("aktiv"), { status: null })).toMatch(/^Invalid status 'null'/);
  });
});

describe("placement (vermittelter_therapeut_id)", () => {
  const noPlacement = "Cannot mark as erfolgreich without vermittelter_therapeut_id";

  it("requires a placed therapist for erfolgreich, given now or earlier", () => {
    expect(searchUpdateError(at("aktiv"), { status: "erfolgreich" })).toBe(noPlacement);
    expect(searchUpdateError(at("aktiv"), { status: "erfolgreich", vermittelter_therapeut_id: null })).toBe(
      noPlacement,
    );
    expect(searchUpdateError(at("aktiv", 7), { status: "erfolgreich" })).toBeNull();
  });

  it("does not let the same request clear an earlier placement and succeed", () => {
    expect(
      searchUpdateError(at("aktiv", 7), { status: "erfolgreich", vermittelter_therapeut_id: null }),
    ).toBe(noPlacement);
  });

  it("accepts a placed therapist on an open search and clearing it again", () => {
    expect(searchUpdateError(at("aktiv"), { vermittelter_therapeut_id: 12 })).toBeNull();
    expect(searchUpdateError(at("pausiert", 12), { vermittelter_therapeut_id: null })).toBeNull();
  });

  it("refuses ids that are not positive integers", () => {
    for (const v of [0, -3, 1.5, "12", true, {}])
      expect(searchUpdateError(at("aktiv"), { vermittelter_therapeut_id: v })).toBe(
        "Invalid vermittelter_therapeut_id",
      );
  });

  it("cannot change or clear the therapist after a successful placement, but may repeat it", () => {
    const locked = "Cannot change vermittelter_therapeut_id after successful placement";
    expect(searchUpdateError(at("erfolgreich", 7), { vermittelter_therapeut_id: 8 })).toBe(locked);
    expect(searchUpdateError(at("erfolgreich", 7), { vermittelter_therapeut_id: null })).toBe(locked);
    expect(searchUpdateError(at("erfolgreich", 7), { vermittelter_therapeut_id: 7 })).toBeNull();
    expect(searchUpdateError(at("erfolgreich", 7), { vermittelter_therapeut_id: undefined })).toBeNull();
  });

  it("allows an update that changes nothing", () => {
    expect(searchUpdateError(at("aktiv"), {})).toBeNull();
  });
});

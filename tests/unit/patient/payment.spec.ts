import {
  applyPaymentRules,
  isZahlungsreferenz,
  newZahlungsreferenz,
  zahlungsreferenzFromToken,
} from "../../../services/patient/domain/payment";

const TODAY = "2026-11-22";
const state = (o: Partial<Parameters<typeof applyPaymentRules>[1]> = {}) => ({
  zahlung_eingegangen: true,
  vertraege_unterschrieben: true,
  startdatum: null,
  status: "offen",
  ...o,
});

describe("payment automation (domain.md 3.2 step 4)", () => {
  it("starts the search when payment arrives with signed contracts", () => {
    expect(applyPaymentRules({ zahlung_eingegangen: false }, state(), TODAY)).toEqual({
      startdatum: TODAY,
      status: "auf_der_Suche",
    });
  });

  it("only changes the flag when contracts are not signed", () => {
    expect(
      applyPaymentRules({ zahlung_eingegangen: false }, state({ vertraege_unterschrieben: false }), TODAY),
    ).toEqual({ startdatum: null, status: "offen" });
  });

  it("never moves an existing startdatum and leaves statuses other than offen alone", () => {
    expect(
      applyPaymentRules(
        { zahlung_eingegangen: false },
        state({ startdatum: "2026-01-05", status: "in_Therapie" }),
        TODAY,
      ),
    ).toEqual({ startdatum: "2026-01-05", status: "in_Therapie" });
  });

  it("does nothing unless the flag turns from false to true", () => {
    expect(applyPaymentRules({ zahlung_eingegangen: true }, state(), TODAY)).toEqual({
      startdatum: null,
      status: "offen",
    });
    expect(
      applyPaymentRules({ zahlung_eingegangen: false }, state({ zahlung_eingegangen: false }), TODAY),
    ).toEqual({
      startdatum: null,
      status: "offen",
    });
  });

  it("applies on creation when both flags are true", () => {
    expect(applyPaymentRules(null, state(), TODAY)).toEqual({ startdatum: TODAY, status: "auf_der_Suche" });
    expect(applyPaymentRules(null, state({ zahlung_eingegangen: false }), TODAY).startdatum).toBeNull();
  });
});

describe("Zahlungsreferenz", () => {
  it("is the first 8 characters of the registration token for imports", () => {
    expect(zahlungsreferenzFromToken("a7f3c91b0d2e48f6b5c4d3e2f1a0b9c8")).toBe("a7f3c91b");
  });

  it("is 8 characters without look-alikes for staff-created patients", () => {
    const bytes = Buffer.from([0, 1, 31, 32, 63, 200, 255, 14]);
    const ref = newZahlungsreferenz(() => bytes);
    expect(ref).toHaveLength(8);
    expect(ref).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(newZahlungsreferenz(() => Buffer.alloc(8, 0))).toBe("AAAAAAAA");
  });

  it("accepts exactly 8 letters or digits", () => {
    expect(isZahlungsreferenz("AB12cd34")).toBe(true);
    expect(isZahlungsreferenz("AB12cd3")).toBe(false);
    expect(isZahlungsreferenz("AB12cd345")).toBe(false);
    expect(isZahlungsreferenz("AB12-d34")).toBe(false);
    expect(isZahlungsreferenz(12345678)).toBe(false);
  });
});

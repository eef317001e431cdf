import { derivedInquiryFields, isPending } from "../../../services/matching/domain/inquiry-view";

const sent = (
  o: Partial<{ gesendet_datum: string | null; antwort_datum: string | null; abgebrochen: boolean }> = {},
) => ({
  gesendet_datum: "2026-11-20",
  antwort_datum: null,
  abgebrochen: false,
  ...o,
});

describe("derived fields of an inquiry (domain.md 2.7)", () => {
  it("counts the days since sending and needs follow-up from the 7th day on", () => {
    expect(derivedInquiryFields(sent(), "2026-11-26", 7)).toEqual({
      tage_seit_versand: 6,
      nachverfolgung_erforderlich: false,
    });
    expect(derivedInquiryFields(sent(), "2026-11-27", 7)).toEqual({
      tage_seit_versand: 7,
      nachverfolgung_erforderlich: true,
    });
    expect(derivedInquiryFields(sent(), "2026-12-10", 7).nachverfolgung_erforderlich).toBe(true);
  });

  it("needs no follow-up once answered or cancelled", () => {
    expect(
      derivedInquiryFields(sent({ antwort_datum: "2026-11-25" }), "2026-12-01", 7)
        .nachverfolgung_erforderlich,
    ).toBe(false);
    expect(
      derivedInquiryFields(sent({ abgebrochen: true }), "2026-12-01", 7).nachverfolgung_erforderlich,
    ).toBe(false);
  });

  it("has no day count and needs no follow-up while unsent", () => {
    expect(derivedInquiryFields(sent({ gesendet_datum: null }), "2026-12-01", 7)).toEqual({
      tage_seit_versand: null,
      nachverfolgung_erforderlich: false,
    });
  });

  it("counts 0 days on the day of sending, and follows up at once with a 0-day rule", () => {
    expect(derivedInquiryFields(sent(), "2026-11-20", 0)).toEqual({
      tage_seit_versand: 0,
      nachverfolgung_erforderlich: true,
    });
  });
});

describe("an inquiry blocks new contact (domain.md 3.4 step 2)", () => {
  it("while it is neither answered nor cancelled", () => {
    expect(isPending({ antwort_datum: null, abgebrochen_am: null })).toBe(true);
    expect(isPending({ antwort_datum: "2026-11-25", abgebrochen_am: null })).toBe(false);
    expect(isPending({ antwort_datum: null, abgebrochen_am: "2026-11-25T10:00:00Z" })).toBe(false);
  });
});

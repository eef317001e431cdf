import { afterFailure, isPermanent } from "../../../services/communication/domain/retry";
import { inquiryEmailAllowedFrom } from "../../../services/communication/domain/send-window";

describe("one inquiry e-mail per therapist per 7 days (decisions.md 16)", () => {
  it("allows the first e-mail", () => {
    expect(inquiryEmailAllowedFrom([], "2026-11-23", 7)).toBeNull();
  });
  it("refuses another within 7 calendar days and names the first allowed day", () => {
    expect(inquiryEmailAllowedFrom(["2026-11-20"], "2026-11-23", 7)).toBe("2026-11-27");
    expect(inquiryEmailAllowedFrom(["2026-11-16", "2026-11-22"], "2026-11-23", 7)).toBe("2026-11-29");
  });
  it("allows the follow-up on day 7, however late in the day the first one went out", () => {
    expect(inquiryEmailAllowedFrom(["2026-11-16"], "2026-11-23", 7)).toBeNull();
  });
});

describe("retries of failed sends (domain.md 3.20)", () => {
  const rules = { maxRetries: 3, baseSeconds: 30 };
  it("waits longer after each temporary failure", () => {
    expect([1, 2, 3].map((n) => afterFailure(n, { responseCode: 451 }, rules).retryInSeconds)).toEqual([
      30, 60, 120,
    ]);
    expect(afterFailure(2, {}, rules).status).toBe("In_Warteschlange");
  });
  it("gives up after the last retry", () => {
    expect(afterFailure(4, { responseCode: 421 }, rules)).toEqual({
      status: "Fehlgeschlagen",
      retryInSeconds: null,
    });
  });
  it("gives up at once on a permanent refusal", () => {
    expect(afterFailure(1, { responseCode: 550 }, rules)).toEqual({
      status: "Fehlgeschlagen",
      retryInSeconds: null,
    });
    expect(isPermanent({ permanent: true })).toBe(true);
    expect(isPermanent({ responseCode: 421 })).toBe(false);
  });
  it("caps the wait at an hour", () => {
    expect(afterFailure(10, {}, { maxRetries: 20, baseSeconds: 30 }).retryInSeconds).toBe(3600);
  });
});

import { afterFailure, isPermanent } from "../../../services/communication/domain/retry";

describe("which send failures are permanent (domain.md 3.20)", () => {
  it("treats every 5xx SMTP reply as permanent, from exactly 500 to 599", () => {
    for (const code of [500, 550, 554, 599]) expect(isPermanent({ responseCode: code })).toBe(true);
  });

  it("retries 4xx replies, codes outside the 5xx class and failures without a reply", () => {
    for (const code of [421, 450, 499, 600]) expect(isPermanent({ responseCode: code })).toBe(false);
    expect(isPermanent({})).toBe(false);
    expect(isPermanent({ permanent: false, responseCode: 451 })).toBe(false);
  });

  it("treats a problem of the e-mail itself as permanent whatever the server said", () => {
    expect(isPermanent({ permanent: true, responseCode: 421 })).toBe(true);
  });
});

describe("after a failed attempt", () => {
  const rules = { maxRetries: 3, baseSeconds: 30 };

  it("still retries after exactly maxRetries failed attempts and gives up after one more", () => {
    expect(afterFailure(3, {}, rules)).toEqual({ status: "In_Warteschlange", retryInSeconds: 120 });
    expect(afterFailure(4, {}, rules)).toEqual({ status: "Fehlgeschlagen", retryInSeconds: null });
  });

  it("waits the base time after the first failure, doubling each time", () => {
    expect(afterFailure(1, {}, { maxRetries: 5, baseSeconds: 45 }).retryInSeconds).toBe(45);
    expect(afterFailure(2, {}, { maxRetries: 5, baseSeconds: 45 }).retryInSeconds).toBe(90);
  });

  it("waits at most an hour, and exactly an hour when the doubling reaches it", () => {
    expect(afterFailure(2, {}, { maxRetries: 5, baseSeconds: 1800 }).retryInSeconds).toBe(3600);
    expect(afterFailure(3, {}, { maxRetries: 5, baseSeconds: 1800 }).retryInSeconds).toBe(3600);
    expect(afterFailure(1, {}, { maxRetries: 5, baseSeconds: 3599 }).retryInSeconds).toBe(3599);
  });

  it("gives up at once on a permanent failure, even on the first attempt", () => {
    expect(afterFailure(1, { responseCode: 500 }, rules)).toEqual({
      status: "Fehlgeschlagen",
      retryInSeconds: null,
    });
  });
});

import { afterFailure, FORGET_AFTER_MS, waitSeconds } from "../../../services/api/domain/login-throttle";

const rules = { freeAttempts: 3, delaySeconds: 2, maxDelaySeconds: 30 };
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe("login throttling", () => {
  it("lets the free attempts through, then doubles the wait up to the maximum", () => {
    let s = null;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      s = afterFailure(s, t0, rules);
      waits.push(waitSeconds([s], t0));
    }
    expect(waits).toEqual([0, 0, 0, 2, 4, 8, 16, 30]);
  });

  it("takes the longest wait of all states that apply", () => {
    const a = { failures: 9, blockedUntil: at(5), lastFailureAt: t0 };
    const b = { failures: 9, blockedUntil: at(12.2), lastFailureAt: t0 };
    expect(waitSeconds([a, null, b], t0)).toBe(13);
    expect(waitSeconds([a, b], at(13))).toBe(0);
  });

  it("forgets failures after a day without one", () => {
    const old = { failures: 50, blockedUntil: at(30), lastFailureAt: t0 };
    const later = new Date(t0.getTime() + FORGET_AFTER_MS + 1000);
    expect(afterFailure(old, later, rules)).toEqual({
      failures: 1,
      blockedUntil: null,
      lastFailureAt: later,
    });
  });
});

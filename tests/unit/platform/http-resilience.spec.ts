import { retryDelayMs, isRetryableStatus } from "../../../mixins/http/backoff";
import { CircuitBreaker } from "../../../mixins/http/circuit-breaker";

describe("circuit breaker", () => {
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, resetMs: 1000 });

  it("opens after the threshold of failures in a row, and a success in between starts counting again", () => {
    const b = breaker();
    b.failure(0);
    b.failure(0);
    b.success();
    b.failure(0);
    b.failure(0);
    expect(b.state(0)).toBe("closed");
    b.failure(0);
    expect(b.state(10)).toBe("open");
    expect(b.tryAcquire(10)).toBe(false);
    expect(b.retryInMs(10)).toBe(990);
  });

  it("lets exactly one trial call through after the reset time; its success closes, its failure reopens", () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.failure(0);
    expect(b.state(1000)).toBe("half-open");
    expect(b.tryAcquire(1000)).toBe(true);
    expect(b.tryAcquire(1000)).toBe(false);
    b.failure(1500);
    expect(b.state(2000)).toBe("open");
    expect(b.tryAcquire(2500)).toBe(true);
    b.success();
    expect(b.state(2500)).toBe("closed");
  });

  it("frees an abandoned trial so the next caller may try", () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.failure(0);
    expect(b.tryAcquire(1000)).toBe(true);
    b.abandon();
    expect(b.tryAcquire(1000)).toBe(true);
  });
});

describe("retry back-off", () => {
  it("doubles from the base delay up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it("waits at least as long as Retry-After asks, in seconds or as a date, within the cap", () => {
    expect(retryDelayMs(1, 1000, 30_000, "7")).toBe(7000);
    expect(retryDelayMs(1, 1000, 30_000, "120")).toBe(30_000);
    const now = Date.parse("2026-11-29T10:00:00Z");
    expect(retryDelayMs(1, 1000, 30_000, "Sun, 29 Nov 2026 10:00:03 GMT", now)).toBe(3000);
    expect(retryDelayMs(2, 1000, 30_000, "soon")).toBe(2000);
  });

  it("retries rate limiting and server errors only", () => {
    expect([429, 500, 503, 400, 404, 200].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

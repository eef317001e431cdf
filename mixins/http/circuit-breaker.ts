export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetMs: number;
}

/**
 * A circuit breaker over consecutive failures. While open, callers get an immediate refusal instead of
 * waiting for timeouts on a service that is down; after `resetMs` one trial call decides whether it closes.
 * Time is passed in so the rules are testable without a clock.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialRunning = false;

  constructor(private readonly opts: BreakerOptions) {}

  state(now: number): BreakerState {
    if (this.openedAt === null) return "closed";
    return now - this.openedAt >= this.opts.resetMs ? "half-open" : "open";
  }

  /** True if a call may go out now; in half-open state only one trial call at a time. */
  tryAcquire(now: number): boolean {
    const s = this.state(now);
    if (s === "closed") return true;
    if (s === "open" || this.trialRunning) return false;
    this.trialRunning = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialRunning = false;
  }

  /** A granted call that never went out: frees the half-open trial without judging the service. */
  abandon(): void {
    this.trialRunning = false;
  }

  failure(now: number): void {
    this.failures++;
    if (this.trialRunning || this.failures >= this.opts.failureThreshold) this.openedAt = now;
    this.trialRunning = false;
  }

  /** Milliseconds until a trial call may go out (0 when not open). */
  retryInMs(now: number): number {
    return this.openedAt === null ? 0 : Math.max(0, this.openedAt + this.opts.resetMs - now);
  }
}

/**
 * Login throttling (quality.md S5): failures are counted per account+address pair and per address, never per
 * account alone, so nobody can lock another user out and the owner still logs in from elsewhere. Known and
 * unknown accounts are counted the same way, so the answers reveal nothing about which accounts exist.
 */
export interface ThrottleRules {
  /** Failures before each further attempt has to wait. */
  freeAttempts: number;
  /** First wait in seconds; doubles with every further failure. */
  delaySeconds: number;
  maxDelaySeconds: number;
}

export interface ThrottleState {
  failures: number;
  blockedUntil: Date | null;
  lastFailureAt: Date;
}

/** Failures are forgotten after a day without one: an old typo does not slow down a login weeks later. */
export const FORGET_AFTER_MS = 24 * 3600_000;

export function currentFailures(state: ThrottleState | null, now: Date): number {
  if (!state || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS) return 0;
  return state.failures;
}

/** Seconds until the next attempt is allowed under all given states (0 = go ahead). */
export function waitSeconds(states: (ThrottleState | null)[], now: Date): number {
  let ms = 0;
  for (const s of states) {
    if (s?.blockedUntil) ms = Math.max(ms, s.blockedUntil.getTime() - now.getTime());
  }
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The state after one more failure: free attempts first, then a wait that doubles up to the maximum. */
export function afterFailure(state: ThrottleState | null, now: Date, rules: ThrottleRules): ThrottleState {
  const failures = currentFailures(state, now) + 1;
  const over = failures - rules.freeAttempts;
  if (over <= 0) return { failures, blockedUntil: null, lastFailureAt: now };
  const delay = Math.min(rules.delaySeconds * 2 ** Math.min(over - 1, 30), rules.maxDelaySeconds);
  return { failures, blockedUntil: new Date(now.getTime() + delay * 1000), lastFailureAt: now };
}

/**
 * Delay before retry number `attempt` (1-based): exponential from `baseMs`, capped, and never shorter than a
 * server's `Retry-After` (seconds or HTTP date) when it sent one.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  retryAfter: string | null = null,
  now: number = Date.now(),
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  if (!retryAfter) return exponential;
  const seconds = Number(retryAfter);
  const fromHeader = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
  return Number.isFinite(fromHeader) ? Math.min(maxMs, Math.max(exponential, fromHeader)) : exponential;
}

/** Status codes worth another try: rate limiting and server-side failures. */
export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/**
 * Waits for `work` at most `ms` (null: as long as it takes). Late work is not abandoned: it goes on in the
 * background (a slow Nominatim answer still fills the cache, a timeout still counts for the circuit breaker),
 * and its failure is only reported, so a request answers from the fallback on time (issue 17.3).
 */
export async function withinDeadline<T>(
  work: Promise<T>,
  ms: number | null,
  onLateError: (e: Error) => void,
): Promise<{ done: true; value: T } | { done: false }> {
  if (ms === null) return { done: true, value: await work };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    const outcome = await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
    if (!outcome.done) work.catch(onLateError);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

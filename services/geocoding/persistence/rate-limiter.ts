import { randomUUID } from "node:crypto";
import { QueryTypes, type Sequelize } from "sequelize";

/** Spacing of the queue's slots beyond the interval, so a caller rarely finds the service still held. */
export const JITTER_MARGIN_MS = 150;

/**
 * Reserves the next place in the queue for one external request to `name`, shared by every node through one row
 * (decisions.md 20: the limit is per application, not per process). The row lock serialises reservations; the
 * database clock is the only clock, so nodes with skewed clocks still keep the spacing. Returns how long to wait
 * before trying to take the service, or null when the queue is already longer than `maxWaitMs` (the caller
 * answers from the fallback).
 */
export async function reserveSlot(
  db: Sequelize,
  name: string,
  intervalMs: number,
  maxWaitMs: number,
): Promise<number | null> {
  const step = intervalMs + (intervalMs > 0 ? JITTER_MARGIN_MS : 0);
  const rows = await db.query<{ wait_ms: number }>(
    `UPDATE geocoding_service.rate_limits
        SET next_at = GREATEST(next_at, clock_timestamp()) + make_interval(secs => :step / 1000.0)
      WHERE name = :name AND next_at <= clock_timestamp() + make_interval(secs => :maxWait / 1000.0)
      RETURNING GREATEST(0, extract(epoch FROM (next_at - clock_timestamp())) * 1000 - :step)::float8 AS wait_ms`,
    { replacements: { name, step, maxWait: maxWaitMs }, type: QueryTypes.SELECT },
  );
  return rows.length ? rows[0].wait_ms : null;
}

/**
 * Takes the service for one request if nobody holds it and the last request ended at least `intervalMs` ago;
 * otherwise says how long to wait before asking again. The hold expires after `holdMs` (a node that dies with
 * it does not block the others for ever).
 */
export async function claimService(
  db: Sequelize,
  name: string,
  holder: string,
  intervalMs: number,
  holdMs: number,
): Promise<{ claimed: boolean; waitMs: number }> {
  const [row] = await db.query<{ claimed: boolean; held: boolean; wait_ms: number }>(
    `WITH now AS (SELECT clock_timestamp() AS t),
     taken AS (
       UPDATE geocoding_service.rate_limits r
          SET held_by = :holder, held_until = now.t + make_interval(secs => :hold / 1000.0)
         FROM now
        WHERE r.name = :name AND (r.held_until IS NULL OR r.held_until <= now.t)
          AND r.released_at + make_interval(secs => :interval / 1000.0) <= now.t
       RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM taken) AS claimed,
            COALESCE(r.held_until > now.t, false) AS held,
            GREATEST(0, extract(epoch FROM (GREATEST(r.released_at, now.t - interval '1 day')
              + make_interval(secs => :interval / 1000.0) - now.t)) * 1000)::float8 AS wait_ms
       FROM geocoding_service.rate_limits r, now
      WHERE r.name = :name`,
    { replacements: { name, holder, interval: intervalMs, hold: holdMs }, type: QueryTypes.SELECT },
  );
  if (!row) throw new Error(`rate limit ${name} is not configured`);
  if (row.claimed) return { claimed: true, waitMs: 0 };
  // Held: it ends at the earliest now, and the next request a full interval after that.
  return { claimed: false, waitMs: row.held ? intervalMs : Math.max(row.wait_ms, 1) };
}

/** Ends this holder's hold: the next request may go out a full interval from now (the database's now). */
export async function releaseService(db: Sequelize, name: string, holder: string): Promise<void> {
  await db.query(
    `UPDATE geocoding_service.rate_limits
        SET held_by = NULL, held_until = NULL, released_at = clock_timestamp()
      WHERE name = :name AND held_by = :holder`,
    { replacements: { name, holder } },
  );
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits for this caller's turn and takes the service; returns the function that frees it once the answer is in,
 * or null when the queue is too long or the turn does not come within `maxWaitMs`.
 *
 * Why a hold and not only a slot in time (issue 17.4): on a busy machine the request of a caller leaves later
 * than its slot (event loop, scheduler), and the next caller's request may leave on time: 957 ms apart at the
 * server were measured. The server has received a request before its answer arrives, and the hold is released
 * only after that, so a full interval after the release is a full interval after the server saw the request,
 * however late either side ran.
 */
export async function waitForSlot(
  db: Sequelize,
  name: string,
  intervalMs: number,
  maxWaitMs: number,
  holdMs: number,
): Promise<(() => Promise<void>) | null> {
  const started = performance.now();
  const wait = await reserveSlot(db, name, intervalMs, maxWaitMs);
  if (wait === null) return null;
  if (wait > 0) await sleep(wait - (performance.now() - started));
  if (intervalMs <= 0) return async () => undefined;
  const holder = randomUUID();
  for (;;) {
    const { claimed, waitMs } = await claimService(db, name, holder, intervalMs, holdMs);
    if (claimed) return () => releaseService(db, name, holder);
    if (performance.now() - started + waitMs > maxWaitMs + intervalMs) return null;
    await sleep(waitMs);
  }
}

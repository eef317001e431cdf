import { QueryTypes, type Sequelize } from "sequelize";

/** Timers and network jitter between nodes must not bring two requests closer than the interval. */
export const JITTER_MARGIN_MS = 150;
/** A caller that wakes up later than this after its slot gives the slot up and queues again. */
export const LATE_TOLERANCE_MS = 50;

/**
 * Reserves the next free slot for one external request to `name`, shared by every node through one row
 * (decisions.md 20: the limit is per application, not per process). The row lock serialises reservations; the
 * database clock is the only clock, so nodes with skewed clocks still keep the spacing. Returns how long to wait
 * before sending, or null when the queue is already longer than `maxWaitMs` (the caller answers from the fallback).
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits for this caller's turn. A caller whose slot has passed by more than the tolerance when it wakes (a busy
 * event loop, a slow answer from the database) does not send late, which could bring it within a second of the
 * next slot's holder: it takes a new slot. Returns false when the queue is too long.
 */
export async function waitForSlot(
  db: Sequelize,
  name: string,
  intervalMs: number,
  maxWaitMs: number,
): Promise<boolean> {
  for (;;) {
    const asked = performance.now();
    const wait = await reserveSlot(db, name, intervalMs, maxWaitMs);
    if (wait === null) return false;
    const due = asked + wait;
    const left = due - performance.now();
    if (left > 0) await sleep(left);
    if (performance.now() - due <= LATE_TOLERANCE_MS) return true;
  }
}

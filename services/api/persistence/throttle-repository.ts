import * as crypto from "node:crypto";
import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import { FORGET_AFTER_MS, type ThrottleState } from "../domain/login-throttle";

/** The throttle keys of one login attempt: the address, and the account (known or not) at that address. */
export function throttleKeys(email: string, address: string): { address: string; pair: string } {
  const h = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
  const account = email.trim().toLowerCase();
  return { address: h(`address\n${address}`), pair: h(`pair\n${account}\n${address}`) };
}

interface Row {
  key: string;
  failures: number;
  blocked_until: Date | null;
  last_failure_at: Date;
}

export class ThrottleRepository {
  constructor(private readonly db: Sequelize) {}

  /** Locks (creating if needed) the given keys' rows for the transaction and returns their states. */
  async lock(keys: string[], t: Transaction): Promise<Map<string, ThrottleState | null>> {
    const sorted = [...keys].sort(); // one lock order for every request: no deadlocks between attempts
    // Rows exist before they are locked, so two first attempts cannot both read "no failures yet".
    await this.db.query(
      `INSERT INTO platform.login_throttle (key, failures, last_failure_at)
       SELECT k, 0, now() FROM unnest(ARRAY[:keys]::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`,
      { replacements: { keys: sorted }, transaction: t },
    );
    const rows = await this.db.query<Row>(
      `SELECT * FROM platform.login_throttle WHERE key IN (:keys) ORDER BY key FOR UPDATE`,
      { replacements: { keys: sorted }, type: QueryTypes.SELECT, transaction: t },
    );
    const out = new Map<string, ThrottleState | null>(sorted.map((k) => [k, null]));
    for (const r of rows)
      out.set(r.key, {
        failures: r.failures,
        blockedUntil: r.blocked_until,
        lastFailureAt: r.last_failure_at,
      });
    return out;
  }

  async save(key: string, s: ThrottleState, t: Transaction): Promise<void> {
    await this.db.query(
      `INSERT INTO platform.login_throttle (key, failures, blocked_until, last_failure_at)
       VALUES (:key, :failures, :blockedUntil, :lastFailureAt)
       ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, blocked_until = EXCLUDED.blocked_until,
         last_failure_at = EXCLUDED.last_failure_at`,
      { replacements: { key, ...s }, transaction: t },
    );
  }

  /** After a successful login: the pair starts afresh, and the address's attempt is not counted. */
  async succeeded(keys: { address: string; pair: string }): Promise<void> {
    await this.db.query(
      `DELETE FROM platform.login_throttle WHERE key = :pair;
       UPDATE platform.login_throttle SET failures = greatest(failures - 1, 0) WHERE key = :address`,
      { replacements: keys },
    );
  }

  async forgetOld(now: Date, t: Transaction): Promise<void> {
    await this.db.query(`DELETE FROM platform.login_throttle WHERE last_failure_at < :before`, {
      replacements: { before: new Date(now.getTime() - FORGET_AFTER_MS) },
      transaction: t,
    });
  }
}

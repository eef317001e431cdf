import { QueryTypes, type Sequelize } from "sequelize";
import type { StoredKey } from "../domain/idempotency";

export interface KeyRow extends StoredKey {
  status: number | null;
  response: string | null;
}

/** platform.idempotency_keys: one row per user and key hash while the key lives. */
export class IdempotencyRepository {
  constructor(private readonly db: Sequelize) {}

  /**
   * Takes the key for a new request: inserts it as pending, or takes over a row that expired or whose request
   * was abandoned (its lease ran out: the node died). False when a live row exists (another request has it).
   * One statement, so of several parallel requests with one key exactly one gets true.
   */
  async take(
    userId: number,
    keyHash: string,
    fingerprint: string,
    lifetimeHours: number,
    leaseSeconds: number,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO platform.idempotency_keys AS k
              (user_id, key_hash, fingerprint, state, locked_until, created_at, expires_at)
       VALUES (:userId, :keyHash, :fingerprint, 'pending', now() + make_interval(secs => :lease), now(),
               now() + make_interval(hours => :hours))
       ON CONFLICT (user_id, key_hash) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, state = 'pending', status = NULL, response = NULL,
              locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= now() OR (k.state = 'pending' AND k.locked_until <= now())
       RETURNING 1 AS taken`,
      {
        replacements: { userId, keyHash, fingerprint, lease: leaseSeconds, hours: lifetimeHours },
        type: QueryTypes.SELECT,
      },
    );
    return rows.length === 1;
  }

  async find(userId: number, keyHash: string): Promise<KeyRow | null> {
    const [row] = await this.db.query<KeyRow>(
      `SELECT fingerprint, state, status, response FROM platform.idempotency_keys
        WHERE user_id = :userId AND key_hash = :keyHash AND expires_at > now()`,
      { replacements: { userId, keyHash }, type: QueryTypes.SELECT },
    );
    return row ?? null;
  }

  async complete(userId: number, keyHash: string, status: number, response: string): Promise<void> {
    await this.db.query(
      `UPDATE platform.idempotency_keys SET state = 'done', status = :status, response = :response, locked_until = NULL
        WHERE user_id = :userId AND key_hash = :keyHash AND state = 'pending'`,
      { replacements: { userId, keyHash, status, response } },
    );
  }

  /** The request failed (nothing was created): the key is free for a retry. */
  async release(userId: number, keyHash: string): Promise<void> {
    await this.db.query(
      `DELETE FROM platform.idempotency_keys WHERE user_id = :userId AND key_hash = :keyHash AND state = 'pending'`,
      { replacements: { userId, keyHash } },
    );
  }

  async purgeExpired(): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM platform.idempotency_keys WHERE expires_at <= now() RETURNING 1`,
      { type: QueryTypes.SELECT },
    );
    return rows.length;
  }
}

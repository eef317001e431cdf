import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { Role } from "../domain/roles";

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  rolle: Role;
  aktiv: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface PublicUser {
  id: number;
  email: string;
  rolle: Role;
  aktiv: boolean;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export const toPublicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  rolle: u.rolle,
  aktiv: u.aktiv,
  last_login_at: u.last_login_at ? u.last_login_at.toISOString() : null,
  created_at: u.created_at.toISOString(),
  updated_at: u.updated_at.toISOString(),
});

export class UsersRepository {
  constructor(private readonly db: Sequelize) {}

  private async one(
    sql: string,
    replacements: Record<string, unknown>,
    t?: Transaction,
  ): Promise<UserRow | null> {
    const rows = await this.db.query<UserRow>(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
    return rows[0] ?? null;
  }

  byEmail(email: string) {
    return this.one(`SELECT * FROM platform.users WHERE lower(email) = lower(:email)`, { email });
  }

  byId(id: number, t?: Transaction) {
    return this.one(`SELECT * FROM platform.users WHERE id = :id`, { id }, t);
  }

  async list(limit: number, offset: number): Promise<{ rows: UserRow[]; total: number }> {
    const rows = await this.db.query<UserRow>(
      `SELECT * FROM platform.users ORDER BY id LIMIT :limit OFFSET :offset`,
      {
        replacements: { limit, offset },
        type: QueryTypes.SELECT,
      },
    );
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM platform.users`, {
      type: QueryTypes.SELECT,
    });
    return { rows, total: n };
  }

  insert(u: { email: string; password_hash: string; rolle: Role }, t?: Transaction) {
    return this.one(
      `INSERT INTO platform.users (email, password_hash, rolle) VALUES (:email, :password_hash, :rolle) RETURNING *`,
      u,
      t,
    );
  }

  update(
    id: number,
    fields: Partial<Pick<UserRow, "email" | "password_hash" | "rolle" | "aktiv">>,
    t?: Transaction,
  ) {
    const sets = Object.keys(fields).map((k) => `${k} = :${k}`);
    return this.one(
      `UPDATE platform.users SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :id RETURNING *`,
      { ...fields, id },
      t,
    );
  }

  async remove(id: number, t?: Transaction): Promise<void> {
    await this.db.query(`DELETE FROM platform.users WHERE id = :id`, {
      replacements: { id },
      transaction: t,
    });
  }

  async countActiveAdmins(t?: Transaction): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM platform.users WHERE rolle = 'admin' AND aktiv`,
      { type: QueryTypes.SELECT, transaction: t },
    );
    return n;
  }

  async recordSuccess(id: number): Promise<void> {
    await this.db.query(`UPDATE platform.users SET last_login_at = now() WHERE id = :id`, {
      replacements: { id },
    });
  }

  async createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO platform.sessions (token_hash, user_id, expires_at) VALUES (:tokenHash, :userId, :expiresAt)`,
      { replacements: { tokenHash, userId, expiresAt } },
    );
  }

  sessionUser(tokenHash: string) {
    return this.one(
      `SELECT u.* FROM platform.sessions s JOIN platform.users u ON u.id = s.user_id
        WHERE s.token_hash = :tokenHash AND s.expires_at > now() AND u.aktiv`,
      { tokenHash },
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM platform.sessions WHERE token_hash = :tokenHash`, {
      replacements: { tokenHash },
    });
  }

  async deleteSessionsOf(userId: number, t?: Transaction): Promise<void> {
    await this.db.query(`DELETE FROM platform.sessions WHERE user_id = :userId`, {
      replacements: { userId },
      transaction: t,
    });
  }
}

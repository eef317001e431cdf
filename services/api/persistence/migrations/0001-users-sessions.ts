import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS platform;
    CREATE TABLE platform.users (
      id            serial PRIMARY KEY,
      email         text NOT NULL,
      password_hash text NOT NULL,
      rolle         text NOT NULL CHECK (rolle IN ('staff', 'admin')),
      aktiv         boolean NOT NULL DEFAULT true,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until  timestamptz,
      last_login_at timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON platform.users (lower(email));
    CREATE TABLE platform.sessions (
      token_hash   text PRIMARY KEY,
      user_id      integer NOT NULL REFERENCES platform.users(id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON platform.sessions (user_id);
    CREATE INDEX sessions_expiry_idx ON platform.sessions (expires_at);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`DROP TABLE IF EXISTS platform.sessions; DROP TABLE IF EXISTS platform.users;`);
}

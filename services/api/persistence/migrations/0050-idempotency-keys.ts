import type { MigrationContext } from "../../../../mixins/db/migrations";

// Idempotency-Key on POST (issue 11): a double-clicked form created two patients. One row per user and key
// (the key itself only as a hash): the request's fingerprint, and once it completed its status and its answer,
// encrypted like every other field that may hold health data. Rows are purged after `expires_at`.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE platform.idempotency_keys (
      user_id       integer NOT NULL,
      key_hash      text NOT NULL,
      fingerprint   text NOT NULL,
      state         text NOT NULL CHECK (state IN ('pending', 'done')),
      status        integer,
      response      text,
      locked_until  timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now(),
      expires_at    timestamptz NOT NULL,
      PRIMARY KEY (user_id, key_hash)
    );
    CREATE INDEX idempotency_keys_expires_idx ON platform.idempotency_keys (expires_at);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`DROP TABLE IF EXISTS platform.idempotency_keys`);
}

import type { MigrationContext } from "../../../../mixins/db/migrations";

// Throttling replaces the per-user lock (issue 11): counters per address and account+address, keyed by a hash
// so the table holds neither e-mail addresses nor IP addresses.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE platform.login_throttle (
      key             text PRIMARY KEY,
      failures        integer NOT NULL,
      blocked_until   timestamptz,
      last_failure_at timestamptz NOT NULL
    );
    CREATE INDEX login_throttle_last_failure_idx ON platform.login_throttle (last_failure_at);
    ALTER TABLE platform.users DROP COLUMN failed_logins, DROP COLUMN locked_until;
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    DROP TABLE IF EXISTS platform.login_throttle;
    ALTER TABLE platform.users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz;
  `);
}

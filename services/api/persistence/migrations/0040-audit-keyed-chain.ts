import type { MigrationContext } from "../../../../mixins/db/migrations";

// Entries written from now on are keyed (HMAC with AUDIT_CHAIN_SECRET, issue 11); older ones keep their plain
// SHA-256 link, and verification refuses a plain entry after a keyed one (no silent downgrade).
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`ALTER TABLE platform.audit_log ADD COLUMN alg text NOT NULL DEFAULT 'sha256'`);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`ALTER TABLE platform.audit_log DROP COLUMN alg`);
}

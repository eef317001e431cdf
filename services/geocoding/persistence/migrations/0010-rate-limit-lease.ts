import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    -- Issue 17.4: a request holds the service until its answer is in (held_by/held_until, the expiry covers a
    -- node that dies meanwhile); the next one may go out only a full interval after that (released_at).
    ALTER TABLE geocoding_service.rate_limits
      ADD COLUMN held_by text,
      ADD COLUMN held_until timestamptz,
      ADD COLUMN released_at timestamptz NOT NULL DEFAULT '-infinity';
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE geocoding_service.rate_limits
      DROP COLUMN held_by, DROP COLUMN held_until, DROP COLUMN released_at;
  `);
}

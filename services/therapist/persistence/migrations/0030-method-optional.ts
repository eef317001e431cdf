import type { MigrationContext } from "../../../../mixins/db/migrations";

/**
 * A therapist may have no known method (decisions.md 28): NULL, which matches only patients preferring `egal`.
 * The default stays `egal` for records created without the field (the earlier API's default).
 */
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(
    "ALTER TABLE therapist_service.therapeuten ALTER COLUMN psychotherapieverfahren DROP NOT NULL",
  );
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    UPDATE therapist_service.therapeuten SET psychotherapieverfahren = 'egal' WHERE psychotherapieverfahren IS NULL;
    ALTER TABLE therapist_service.therapeuten ALTER COLUMN psychotherapieverfahren SET NOT NULL;
  `);
}

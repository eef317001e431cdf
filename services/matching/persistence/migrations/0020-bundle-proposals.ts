import type { MigrationContext } from "../../../../mixins/db/migrations";

/**
 * Reviewed dry runs of the bundle run (docs/bundles.md "Review, then commit"): the proposal as shown, the
 * fingerprint of its inputs, who made it, and when it was committed. Only ids, no patient data.
 */
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE matching_service.buendel_vorschlag (
      id uuid PRIMARY KEY,
      plz_prefix text,
      fingerprint text NOT NULL,
      buendel jsonb NOT NULL,
      ausgelassen jsonb NOT NULL,
      therapeuten_geprueft integer NOT NULL DEFAULT 0,
      erstellt_von text,
      created_at timestamptz NOT NULL DEFAULT now(),
      uebernommen_am timestamptz,
      anfrage_ids jsonb
    );
    CREATE INDEX buendel_vorschlag_created ON matching_service.buendel_vorschlag (created_at);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`DROP TABLE IF EXISTS matching_service.buendel_vorschlag`);
}

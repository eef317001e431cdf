import type { MigrationContext } from "../../../../mixins/db/migrations";

// Values every node checks at start (issue 18): a canary encrypted by the first node per key id, a check value
// of the answer-link secret, and the platform id found in the marker files of shared folders.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE platform.key_checks (
      name       text PRIMARY KEY,
      value      text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`DROP TABLE IF EXISTS platform.key_checks;`);
}

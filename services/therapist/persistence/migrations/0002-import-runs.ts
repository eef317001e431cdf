import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE therapist_service.import_runs (
      id serial PRIMARY KEY,
      source text NOT NULL,
      plz text,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      report jsonb NOT NULL DEFAULT '{}'
    );
    CREATE TABLE therapist_service.therapeut_aenderungen (
      id serial PRIMARY KEY,
      therapist_id integer NOT NULL REFERENCES therapist_service.therapeuten(id) ON DELETE CASCADE,
      import_run_id integer REFERENCES therapist_service.import_runs(id) ON DELETE SET NULL,
      changes jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX therapeut_aenderungen_idx ON therapist_service.therapeut_aenderungen (therapist_id);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(
    "DROP TABLE therapist_service.therapeut_aenderungen; DROP TABLE therapist_service.import_runs;",
  );
}

import type { MigrationContext } from "../../../../mixins/db/migrations";

/**
 * Background geocoding (address_version guards late answers, geo_pending marks records to retry), the
 * registration import's bookkeeping, and anonymous counts of GDPR erasures.
 */
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE patient_service.patienten
      ADD COLUMN address_version integer NOT NULL DEFAULT 0,
      ADD COLUMN geo_pending boolean NOT NULL DEFAULT false,
      ADD COLUMN registration_email_id integer;
    CREATE INDEX patienten_geo_pending_idx ON patient_service.patienten (id) WHERE geo_pending;

    ALTER TABLE patient_service.import_runs
      ALTER COLUMN file DROP NOT NULL,
      ADD COLUMN source text NOT NULL DEFAULT 'folder',
      ADD COLUMN stored_as text,
      ADD COLUMN duplicate boolean NOT NULL DEFAULT false,
      ADD COLUMN email_status text;
    CREATE INDEX import_runs_at_idx ON patient_service.import_runs (at);
    CREATE INDEX import_runs_patient_idx ON patient_service.import_runs (patient_id);

    CREATE TABLE patient_service.import_monitor (
      id integer PRIMARY KEY CHECK (id = 1),
      last_check_at timestamptz,
      last_check_files integer NOT NULL DEFAULT 0
    );

    CREATE TABLE patient_service.erasure_stats (
      erased_on date NOT NULL,
      status text NOT NULL,
      search_started boolean NOT NULL,
      erasures integer NOT NULL DEFAULT 0,
      PRIMARY KEY (erased_on, status, search_started)
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    DROP TABLE patient_service.erasure_stats;
    DROP TABLE patient_service.import_monitor;
    DROP INDEX patient_service.import_runs_at_idx;
    DROP INDEX patient_service.import_runs_patient_idx;
    ALTER TABLE patient_service.import_runs
      DROP COLUMN source, DROP COLUMN stored_as, DROP COLUMN duplicate, DROP COLUMN email_status;
    ALTER TABLE patient_service.patienten
      DROP COLUMN address_version, DROP COLUMN geo_pending, DROP COLUMN registration_email_id;
  `);
}

import type { MigrationContext } from "../../../../mixins/db/migrations";

// Folder import bookkeeping: which file (path + content hash) was imported or failed, and the monitor row
// that shows the folder runs and keeps two nodes from scanning the folder at the same time.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE therapist_service.import_runs ADD COLUMN file text;
    CREATE TABLE therapist_service.import_files (
      id serial PRIMARY KEY,
      path text NOT NULL,
      sha256 text NOT NULL,
      status text NOT NULL CHECK (status IN ('imported', 'failed')),
      error text,
      import_run_id integer REFERENCES therapist_service.import_runs(id) ON DELETE SET NULL,
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (path, sha256)
    );
    CREATE TABLE therapist_service.import_monitor (
      id integer PRIMARY KEY CHECK (id = 1),
      running_since timestamptz,
      running_by text,
      last_check_at timestamptz,
      last_check_files integer,
      last_error text,
      last_error_at timestamptz
    );
    INSERT INTO therapist_service.import_monitor (id) VALUES (1);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    DROP TABLE therapist_service.import_monitor;
    DROP TABLE therapist_service.import_files;
    ALTER TABLE therapist_service.import_runs DROP COLUMN file;
  `);
}

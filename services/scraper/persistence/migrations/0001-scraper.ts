import type { MigrationContext } from "../../../../mixins/db/migrations";

// A scrape job and its checkpoint: every query point (cell) with its state, and the records found so far
// (de-duplicated by their 116117 id), so an interrupted job continues without fetching finished cells again.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS scraper_service;
    CREATE TABLE scraper_service.jobs (
      id serial PRIMARY KEY,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
      label text,
      region jsonb NOT NULL,
      settings jsonb NOT NULL,
      cells_total integer NOT NULL DEFAULT 0,
      cells_done integer NOT NULL DEFAULT 0,
      requests integer NOT NULL DEFAULT 0,
      truncated_cells integer NOT NULL DEFAULT 0,
      records integer NOT NULL DEFAULT 0,
      files jsonb NOT NULL DEFAULT '[]',
      error text,
      created_by text,
      locked_by text,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One running job in the whole cluster: two would double the request rate at the source.
    CREATE UNIQUE INDEX jobs_one_running_idx ON scraper_service.jobs ((true)) WHERE status = 'running';
    CREATE TABLE scraper_service.cells (
      job_id integer NOT NULL REFERENCES scraper_service.jobs(id) ON DELETE CASCADE,
      idx integer NOT NULL,
      parent_idx integer,
      depth integer NOT NULL DEFAULT 0,
      lat double precision NOT NULL,
      lon double precision NOT NULL,
      radius_km double precision NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
      attempts integer NOT NULL DEFAULT 0,
      result_count integer,
      more_results boolean,
      fetched_at timestamptz,
      PRIMARY KEY (job_id, idx)
    );
    CREATE INDEX cells_pending_idx ON scraper_service.cells (job_id, idx) WHERE status = 'pending';
    CREATE TABLE scraper_service.records (
      job_id integer NOT NULL REFERENCES scraper_service.jobs(id) ON DELETE CASCADE,
      source_id text NOT NULL,
      data jsonb NOT NULL,
      PRIMARY KEY (job_id, source_id)
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS scraper_service CASCADE");
}

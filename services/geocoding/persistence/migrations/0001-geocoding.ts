import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS geocoding_service;
    CREATE TABLE geocoding_service.plz_centroids (
      plz varchar(5) PRIMARY KEY,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL
    );
    CREATE TABLE geocoding_service.geocache (
      id serial PRIMARY KEY,
      query text NOT NULL,
      query_type text NOT NULL,
      latitude double precision,
      longitude double precision,
      display_name text,
      result_data text,
      hit_count integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (query_type, query)
    );
    CREATE INDEX geocache_created_idx ON geocoding_service.geocache (created_at);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS geocoding_service CASCADE");
}

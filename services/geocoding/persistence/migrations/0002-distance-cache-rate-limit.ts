import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE geocoding_service.distance_cache (
      id serial PRIMARY KEY,
      origin_latitude double precision NOT NULL,
      origin_longitude double precision NOT NULL,
      destination_latitude double precision NOT NULL,
      destination_longitude double precision NOT NULL,
      travel_mode text NOT NULL,
      distance_km double precision NOT NULL,
      travel_time_minutes double precision,
      route_data text,
      hit_count integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (origin_latitude, origin_longitude, destination_latitude, destination_longitude, travel_mode)
    );
    -- One row per external service: the next moment a request may go out, shared by every node
    -- (decisions.md 20: 1 request/second for the whole application, not per process).
    CREATE TABLE geocoding_service.rate_limits (
      name text PRIMARY KEY,
      next_at timestamptz NOT NULL DEFAULT '-infinity'
    );
    INSERT INTO geocoding_service.rate_limits (name) VALUES ('nominatim'), ('osrm');
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    DROP TABLE geocoding_service.distance_cache;
    DROP TABLE geocoding_service.rate_limits;
  `);
}

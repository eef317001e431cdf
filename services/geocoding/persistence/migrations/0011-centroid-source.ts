import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    -- Issue 17.1: where each PLZ centroid came from and how precise it is, so a worse source never
    -- overwrites a better one (domain/centroid-sources.ts). Rows from before came from a list or the
    -- built-in approximation; they are marked as the weakest list so anything better replaces them.
    ALTER TABLE geocoding_service.plz_centroids
      ADD COLUMN source text NOT NULL DEFAULT 'nachbarn',
      ADD COLUMN precision text NOT NULL DEFAULT 'region',
      ADD COLUMN samples integer;
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE geocoding_service.plz_centroids DROP COLUMN source, DROP COLUMN precision, DROP COLUMN samples;
  `);
}

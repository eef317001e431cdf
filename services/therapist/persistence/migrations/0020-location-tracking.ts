import type { MigrationContext } from "../../../../mixins/db/migrations";

/**
 * Which address the stored coordinates belong to (a job locates records whose address moved on, e.g. after an
 * import), and whether geocoding could not be asked (tried again later).
 */
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE therapist_service.therapeuten
      ADD COLUMN geo_address text,
      ADD COLUMN geo_pending boolean NOT NULL DEFAULT false;
    UPDATE therapist_service.therapeuten
       SET geo_address = (coalesce(strasse, '') || '|' || coalesce(plz, '') || '|' || coalesce(ort, ''))
     WHERE latitude IS NOT NULL;
    CREATE INDEX therapeuten_geo_open_idx ON therapist_service.therapeuten (id)
      WHERE geo_pending OR geo_address IS DISTINCT FROM (coalesce(strasse, '') || '|' || coalesce(plz, '') || '|' || coalesce(ort, ''));
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE therapist_service.therapeuten DROP COLUMN geo_address, DROP COLUMN geo_pending;
  `);
}

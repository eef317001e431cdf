import type { MigrationContext } from "../../../../mixins/db/migrations";

// Named feature flags (issue 12 point 10). Flags are declared by the code that reads them, so each one is created
// here by a migration and the admin API only changes existing rows. bundle_matching starts as the seeds describe it
// (enabled, 50 % rollout, admins always); the weekly bundle run only looks at `enabled`.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE platform.feature_flags (
      name               text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{1,62}$'),
      beschreibung       text NOT NULL DEFAULT '',
      enabled            boolean NOT NULL DEFAULT false,
      rollout_percentage integer NOT NULL DEFAULT 0 CHECK (rollout_percentage BETWEEN 0 AND 100),
      override_users     text[] NOT NULL DEFAULT '{}',
      override_roles     text[] NOT NULL DEFAULT '{}' CHECK (override_roles <@ ARRAY['staff', 'admin']::text[]),
      updated_at         timestamptz NOT NULL DEFAULT now(),
      updated_by         text
    );
    INSERT INTO platform.feature_flags (name, beschreibung, enabled, rollout_percentage, override_roles)
    VALUES ('bundle_matching', 'Automatischer Bündel-Lauf (wöchentlicher Job) und Bündel-Funktionen', true, 50,
            ARRAY['admin']);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`DROP TABLE IF EXISTS platform.feature_flags;`);
}

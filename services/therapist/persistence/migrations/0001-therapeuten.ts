import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS therapist_service;
    CREATE TABLE therapist_service.therapeuten (
      id serial PRIMARY KEY,
      anrede text NOT NULL,
      geschlecht text NOT NULL,
      titel varchar(20) NOT NULL DEFAULT '',
      vorname varchar(100) NOT NULL,
      nachname varchar(100) NOT NULL,
      strasse text,
      plz varchar(5),
      ort text,
      telefon text,
      fax text,
      email text,
      webseite text,
      kassensitz boolean NOT NULL DEFAULT true,
      telefonische_erreichbarkeit jsonb NOT NULL DEFAULT '{}',
      fremdsprachen jsonb NOT NULL DEFAULT '[]',
      psychotherapieverfahren text NOT NULL DEFAULT 'egal',
      zusatzqualifikationen text,
      besondere_leistungsangebote text,
      letzter_kontakt_email date,
      letzter_kontakt_telefon date,
      letztes_persoenliches_gespraech date,
      potenziell_verfuegbar boolean NOT NULL DEFAULT false,
      potenziell_verfuegbar_notizen text,
      ueber_curavani_informiert boolean NOT NULL DEFAULT false,
      naechster_kontakt_moeglich date,
      bevorzugte_diagnosen jsonb NOT NULL DEFAULT '[]',
      alter_min integer,
      alter_max integer,
      geschlechtspraeferenz text NOT NULL DEFAULT 'Egal',
      arbeitszeiten jsonb NOT NULL DEFAULT '{}',
      bevorzugt_gruppentherapie boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'aktiv',
      sperrgrund text,
      sperrdatum date,
      latitude double precision,
      longitude double precision,
      geo_source text,
      quelle_id text,
      fehlt_in_quelle_seit date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX therapeuten_plz_idx ON therapist_service.therapeuten (plz text_pattern_ops);
    CREATE INDEX therapeuten_status_idx ON therapist_service.therapeuten (status);
    CREATE INDEX therapeuten_email_idx ON therapist_service.therapeuten (lower(trim(email)));
    CREATE INDEX therapeuten_name_idx ON therapist_service.therapeuten (lower(vorname), lower(nachname), plz);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS therapist_service CASCADE");
}

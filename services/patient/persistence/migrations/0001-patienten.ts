import type { MigrationContext } from "../../../../mixins/db/migrations";

// Encrypted columns (decisions.md 22) are text holding "enc:v1:..." values.
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS patient_service;
    CREATE TABLE patient_service.patienten (
      id serial PRIMARY KEY,
      anrede text NOT NULL,
      geschlecht text NOT NULL,
      vorname varchar(100) NOT NULL,
      nachname varchar(100) NOT NULL,
      strasse text,
      plz varchar(5),
      ort text,
      email text,
      telefon text,
      hausarzt text,
      krankenkasse text,
      krankenversicherungsnummer text,
      geburtsdatum text,
      symptome text,
      erfahrung_mit_psychotherapie boolean,
      letzte_sitzung_vorherige_psychotherapie text,
      vertraege_unterschrieben boolean NOT NULL DEFAULT false,
      startdatum date,
      erster_therapieplatz_am date,
      funktionierender_therapieplatz_am date,
      status text NOT NULL DEFAULT 'offen',
      empfehler_der_unterstuetzung text,
      zahlungsreferenz varchar(8) NOT NULL,
      zahlung_eingegangen boolean NOT NULL DEFAULT false,
      zeitliche_verfuegbarkeit jsonb NOT NULL DEFAULT '{}',
      raeumliche_verfuegbarkeit jsonb NOT NULL DEFAULT '{}',
      verkehrsmittel text,
      offen_fuer_gruppentherapie boolean,
      offen_fuer_diga boolean,
      letzter_kontakt date,
      ausgeschlossene_therapeuten jsonb NOT NULL DEFAULT '[]',
      bevorzugtes_therapeutengeschlecht text NOT NULL DEFAULT 'Egal',
      bevorzugtes_therapieverfahren text NOT NULL DEFAULT 'egal',
      latitude double precision,
      longitude double precision,
      geo_source text,
      registration_token_hash text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX patienten_status_idx ON patient_service.patienten (status);
    CREATE INDEX patienten_plz_idx ON patient_service.patienten (plz);
    CREATE INDEX patienten_nachname_idx ON patient_service.patienten (lower(nachname));
    CREATE TABLE patient_service.import_runs (
      id serial PRIMARY KEY,
      file text NOT NULL,
      status text NOT NULL,
      error text,
      patient_id integer,
      at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS patient_service CASCADE");
}

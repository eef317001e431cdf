import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS communication_service;
    CREATE TABLE communication_service.emails (
      id serial PRIMARY KEY,
      therapist_id integer,
      patient_id integer,
      betreff varchar(255) NOT NULL,
      inhalt_html text NOT NULL,
      inhalt_text text NOT NULL,
      empfaenger_email text NOT NULL,
      empfaenger_name text NOT NULL,
      absender_email text NOT NULL,
      absender_name text NOT NULL,
      antwort_erhalten boolean NOT NULL DEFAULT false,
      antwortdatum timestamptz,
      antwortinhalt text,
      status text NOT NULL DEFAULT 'Entwurf',
      in_warteschlange_am timestamptz,
      gesendet_am timestamptz,
      fehlermeldung text,
      wiederholungsanzahl integer NOT NULL DEFAULT 0,
      naechster_versuch_am timestamptz,
      sendevorgang_seit timestamptz,
      attachments jsonb NOT NULL DEFAULT '[]',
      message_id text NOT NULL UNIQUE,
      typ text NOT NULL DEFAULT 'manuell',
      therapeutenanfrage_id integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT emails_one_recipient CHECK ((therapist_id IS NULL) <> (patient_id IS NULL))
    );
    CREATE INDEX emails_queue_idx ON communication_service.emails (id) WHERE status IN ('In_Warteschlange', 'Wird_gesendet');
    CREATE INDEX emails_therapist_idx ON communication_service.emails (therapist_id, typ, created_at);
    CREATE INDEX emails_patient_idx ON communication_service.emails (patient_id);
    -- One inquiry e-mail per inquiry, whoever triggers it (retries return the same one).
    CREATE UNIQUE INDEX emails_inquiry_once ON communication_service.emails (therapeutenanfrage_id, typ)
      WHERE therapeutenanfrage_id IS NOT NULL;

    CREATE TABLE communication_service.telefonanrufe (
      id serial PRIMARY KEY,
      therapist_id integer,
      patient_id integer,
      therapeutenanfrage_id integer,
      geplantes_datum date NOT NULL,
      geplante_zeit varchar(5) NOT NULL,
      dauer_minuten integer NOT NULL DEFAULT 5,
      tatsaechliches_datum date,
      tatsaechliche_zeit varchar(5),
      status text NOT NULL DEFAULT 'geplant',
      ergebnis text,
      notizen text,
      wiederholen_nach date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT calls_one_recipient CHECK ((therapist_id IS NULL) <> (patient_id IS NULL))
    );
    CREATE INDEX calls_slot_idx ON communication_service.telefonanrufe (therapist_id, geplantes_datum, geplante_zeit);
    CREATE TABLE communication_service.answer_tokens_used (
      anfrage_id integer NOT NULL,
      token_hash text PRIMARY KEY,
      used_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS communication_service CASCADE");
}

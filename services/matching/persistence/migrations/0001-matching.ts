import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE SCHEMA IF NOT EXISTS matching_service;
    CREATE TABLE matching_service.platzsuche (
      id serial PRIMARY KEY,
      patient_id integer NOT NULL,
      status text NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'erfolgreich', 'pausiert', 'abgebrochen')),
      ausgeschlossene_therapeuten jsonb NOT NULL DEFAULT '[]',
      -- Contact budget (decisions.md 10): starts at DEFAULT_CONTACT_BUDGET, grows with Kontaktanfragen.
      gesamt_angeforderte_kontakte integer NOT NULL DEFAULT 0,
      verbrauchte_kontakte integer NOT NULL DEFAULT 0,
      erfolgreiche_vermittlung_datum timestamptz,
      vermittelter_therapeut_id integer,
      notizen text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- At most one active search per patient, enforced by the database (concurrent creates).
    CREATE UNIQUE INDEX platzsuche_one_active ON matching_service.platzsuche (patient_id) WHERE status = 'aktiv';
    CREATE INDEX platzsuche_status_created ON matching_service.platzsuche (status, created_at);

    CREATE TABLE matching_service.therapeutenanfrage (
      id serial PRIMARY KEY,
      therapist_id integer NOT NULL,
      erstellt_datum timestamptz NOT NULL DEFAULT now(),
      gesendet_datum timestamptz,
      antwort_datum timestamptz,
      antworttyp text,
      anfragegroesse integer NOT NULL CHECK (anfragegroesse BETWEEN 0 AND 6),
      angenommen_anzahl integer NOT NULL DEFAULT 0,
      abgelehnt_anzahl integer NOT NULL DEFAULT 0,
      keine_antwort_anzahl integer NOT NULL DEFAULT 0,
      notizen text,
      email_id integer,
      phone_call_id integer,
      reminder_email_id integer,
      abgebrochen_am timestamptz,
      quelle text NOT NULL DEFAULT 'manuell',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX anfrage_therapist_idx ON matching_service.therapeutenanfrage (therapist_id);
    CREATE INDEX anfrage_pending_idx ON matching_service.therapeutenanfrage (therapist_id)
      WHERE antwort_datum IS NULL AND abgebrochen_am IS NULL;

    CREATE TABLE matching_service.therapeut_anfrage_patient (
      id serial PRIMARY KEY,
      therapeutenanfrage_id integer NOT NULL REFERENCES matching_service.therapeutenanfrage(id) ON DELETE CASCADE,
      platzsuche_id integer NOT NULL REFERENCES matching_service.platzsuche(id) ON DELETE CASCADE,
      patient_id integer NOT NULL,
      position_in_anfrage integer NOT NULL CHECK (position_in_anfrage BETWEEN 1 AND 6),
      status text NOT NULL DEFAULT 'anstehend',
      antwortergebnis text,
      antwortnotizen text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (therapeutenanfrage_id, platzsuche_id)
    );
    CREATE INDEX tap_platzsuche_idx ON matching_service.therapeut_anfrage_patient (platzsuche_id);
    CREATE INDEX tap_patient_idx ON matching_service.therapeut_anfrage_patient (patient_id);

    -- "This patient is already placed" hints for sent, unanswered inquiries (kept apart so answering
    -- concurrently never needs another inquiry's row lock).
    CREATE TABLE matching_service.anfrage_hinweis (
      id serial PRIMARY KEY,
      therapeutenanfrage_id integer NOT NULL REFERENCES matching_service.therapeutenanfrage(id) ON DELETE CASCADE,
      patient_id integer NOT NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX anfrage_hinweis_idx ON matching_service.anfrage_hinweis (therapeutenanfrage_id);

    -- A second acceptance of an already placed patient (Konfliktrate), never an overwrite.
    CREATE TABLE matching_service.vermittlungskonflikt (
      id serial PRIMARY KEY,
      platzsuche_id integer NOT NULL,
      patient_id integer NOT NULL,
      therapeutenanfrage_id integer NOT NULL,
      therapist_id integer NOT NULL,
      vermittelter_therapeut_id integer,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query("DROP SCHEMA IF EXISTS matching_service CASCADE");
}

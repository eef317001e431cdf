import type { MigrationContext } from "../../../../mixins/db/migrations";

/**
 * - sende_token: fencing token of the sender that claimed an e-mail, so a sender whose lease ran out cannot
 *   overwrite the claim of the sender that took over.
 * - platzsuche_id + unique index: one success e-mail per placement, however often matching retries.
 * - patient_ids: patients an e-mail to a therapist describes (inquiries), for GDPR export and erasure.
 * - zweck + unique index: one inquiry call and one follow-up call per inquiry, however often it is triggered.
 * - erasure_stats: the anonymous counts left after a GDPR erasure (decisions.md 24).
 */
export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    ALTER TABLE communication_service.emails
      ADD COLUMN sende_token uuid,
      ADD COLUMN platzsuche_id integer,
      ADD COLUMN patient_ids integer[] NOT NULL DEFAULT '{}';
    CREATE UNIQUE INDEX emails_success_once ON communication_service.emails (platzsuche_id, typ)
      WHERE platzsuche_id IS NOT NULL;
    CREATE INDEX emails_patient_ids_idx ON communication_service.emails USING gin (patient_ids);
    CREATE INDEX emails_created_idx ON communication_service.emails (created_at DESC, id DESC);
    CREATE INDEX emails_address_idx ON communication_service.emails (lower(empfaenger_email), created_at);

    ALTER TABLE communication_service.telefonanrufe
      ADD COLUMN zweck text NOT NULL DEFAULT 'manuell';
    CREATE UNIQUE INDEX calls_inquiry_once ON communication_service.telefonanrufe (therapeutenanfrage_id, zweck)
      WHERE therapeutenanfrage_id IS NOT NULL AND zweck <> 'manuell';
    CREATE INDEX calls_patient_idx ON communication_service.telefonanrufe (patient_id);

    CREATE TABLE communication_service.erasure_stats (
      id serial PRIMARY KEY,
      erased_at timestamptz NOT NULL DEFAULT now(),
      emails integer NOT NULL,
      calls integer NOT NULL,
      redacted_emails integer NOT NULL
    );
    DROP TABLE communication_service.answer_tokens_used;
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE communication_service.answer_tokens_used (
      anfrage_id integer NOT NULL, token_hash text PRIMARY KEY, used_at timestamptz NOT NULL DEFAULT now());
    DROP TABLE communication_service.erasure_stats;
    DROP INDEX communication_service.calls_patient_idx;
    DROP INDEX communication_service.calls_inquiry_once;
    ALTER TABLE communication_service.telefonanrufe DROP COLUMN zweck;
    DROP INDEX communication_service.emails_address_idx;
    DROP INDEX communication_service.emails_created_idx;
    DROP INDEX communication_service.emails_patient_ids_idx;
    DROP INDEX communication_service.emails_success_once;
    ALTER TABLE communication_service.emails DROP COLUMN patient_ids, DROP COLUMN platzsuche_id, DROP COLUMN sende_token;
  `);
}

import type { Context, ServiceSchema } from "moleculer";
import { parseParams } from "../../../mixins/params";
import { PatientParams } from "../contracts";
import { patientLines, redactPatient } from "../domain/gdpr";
import { removeSinkMessages } from "../mail/sink-files";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const E = "communication_service.emails";
const C = "communication_service.telefonanrufe";

/** GDPR (decisions.md 24): called by the patient service's export and erasure (which audit them). */
export const GdprActions: Partial<ServiceSchema> = {
  actions: {
    /** Everything about one patient: e-mails and calls to them, and what inquiries told therapists about them. */
    exportPatient: {
      async handler(this: any, ctx: Ctx) {
        const { patient_id: pid } = parseParams(PatientParams, ctx.params);
        const own = await this.emails.forPerson("patient_id", pid);
        const mentioned = await this.emails.q(
          `SELECT id, therapist_id, therapeutenanfrage_id, betreff, status, gesendet_am, created_at, inhalt_text
             FROM ${E} WHERE patient_ids @> ARRAY[:pid]::int[] ORDER BY id`,
          { pid },
        );
        const calls = await this.calls.forPerson("patient_id", pid);
        return {
          emails: own.map((e: Row) => this.emailApi(e)),
          telefonanrufe: calls.map((c: Row) => this.callApi(c)),
          // Other patients' blocks of the same e-mails are not theirs to see: only this patient's lines.
          an_therapeuten_weitergegeben: mentioned.map((e: Row) => {
            const { inhalt_text: text, ...meta } = this.emails.decrypt(e);
            return { ...this.emailApi(meta), angaben: patientLines(text ?? "", pid) };
          }),
        };
      },
    },

    /**
     * Deletes the patient's e-mails and calls, removes their block from e-mails to therapists, and keeps only
     * anonymous counts (erasure_stats).
     */
    erasePatient: {
      async handler(this: any, ctx: Ctx) {
        const { patient_id: pid } = parseParams(PatientParams, ctx.params);
        const result = await this.db.transaction(async (t: any) => {
          const mentioned = await this.emails.q(
            `SELECT id, message_id, inhalt_html, inhalt_text FROM ${E} WHERE patient_ids @> ARRAY[:pid]::int[] FOR UPDATE`,
            { pid },
            t,
          );
          for (const e of mentioned.map((x: Row) => this.emails.decrypt(x))) {
            const r = redactPatient(e.inhalt_html, e.inhalt_text, pid);
            await this.emails.update(
              t,
              e.id,
              [
                "inhalt_html = :inhalt_html",
                "inhalt_text = :inhalt_text",
                "patient_ids = array_remove(patient_ids, :pid)",
              ],
              { inhalt_html: r.html, inhalt_text: r.text, pid },
            );
          }
          const emails = await this.emails.q(
            `DELETE FROM ${E} WHERE patient_id = :pid RETURNING id, message_id`,
            { pid },
            t,
          );
          const calls = await this.emails.q(
            `DELETE FROM ${C} WHERE patient_id = :pid RETURNING id`,
            { pid },
            t,
          );
          await this.emails.q(
            `INSERT INTO communication_service.erasure_stats (emails, calls, redacted_emails)
             VALUES (:emails, :calls, :redacted) RETURNING id`,
            { emails: emails.length, calls: calls.length, redacted: mentioned.length },
            t,
          );
          return {
            emails_deleted: emails.length,
            calls_deleted: calls.length,
            emails_redacted: mentioned.length,
            messageIds: [...emails, ...mentioned].map((e: Row) => e.message_id as string),
          };
        });
        // The sink's copies cannot be redacted in place (encoded MIME): the patient's and those naming them go.
        const { messageIds, ...counts } = result;
        const dir = this.transport.sinkDir;
        return { ...counts, sink_messages_deleted: dir ? removeSinkMessages(dir, messageIds) : 0 };
      },
    },
  },
};

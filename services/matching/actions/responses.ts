import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest, conflict, notFound } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { parseId } from "../../../mixins/params";
import type { Patientenergebnis } from "../../shared/enums";
import { withExclusion } from "../domain/exclusions";
import { coolingUntil } from "../domain/notes";
import {
  acceptanceEffect,
  evaluateResponse,
  excludesTherapist,
  isAccepted,
  rowStatus,
  validateResponses,
} from "../domain/response";
import { authorOf, clock, type Row } from "./context";
import { appendSealed } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Recording a therapist's answer (domain.md 3.8, 3.9; decisions.md 8, 9). */
export const ResponseActions: Partial<ServiceSchema> = {
  actions: {
    recordResponse: {
      rest: ["PUT /therapeutenanfragen/:id/antwort", "PUT /v2/bundles/:id/response"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        if (!id) throw notFound(`Anfrage ${ctx.params.id} not found`);
        const c = clock(this.config);
        const until = coolingUntil(c.today, this.config.matching.coolingWeeks);
        const result = await this.db.transaction(async (t: any) => {
          const a = await this.repo.inquiry(id, t, true);
          if (!a) throw notFound(`Anfrage ${id} not found`);
          if (!a.gesendet_datum)
            throw badRequest("Cannot record response for unsent anfrage", {}, "ANFRAGE_NOT_SENT");
          if (a.abgebrochen_am)
            throw badRequest("Cannot record response for cancelled anfrage", {}, "ANFRAGE_CANCELLED");
          if (a.antwort_datum)
            throw conflict("Response already recorded for this anfrage", "ANFRAGE_ALREADY_ANSWERED");
          const rows = await this.repo.inquiryRows(id, t);
          const v = validateResponses(
            ctx.params.patient_responses,
            rows.map((r: Row) => r.patient_id),
          );
          if (v.error) throw badRequest(v.error, v.extra ?? {}, "INVALID_RESPONSE");
          const outcomes = v.outcomes!;
          const author = authorOf(ctx.meta);

          for (const r of rows) {
            const o = outcomes.get(r.patient_id)!;
            await this.repo.exec(
              `UPDATE ${S}.therapeut_anfrage_patient SET status = :status, antwortergebnis = :o WHERE id = :id`,
              { id: r.id, status: rowStatus(o), o },
              t,
            );
          }
          const counts = evaluateResponse(rows.map((r: Row) => outcomes.get(r.patient_id)!));
          const notes = ctx.params.notizen
            ? appendSealed(this.config, a.notizen, String(ctx.params.notizen), author, c)
            : a.notizen;
          await this.repo.exec(
            `UPDATE ${S}.therapeutenanfrage SET antwort_datum = now(), antworttyp = :antworttyp, angenommen_anzahl = :angenommen_anzahl,
                    abgelehnt_anzahl = :abgelehnt_anzahl, keine_antwort_anzahl = :keine_antwort_anzahl, notizen = :notes, updated_at = now()
              WHERE id = :id`,
            { ...counts, notes, id },
            t,
          );

          const accepted: Row[] = [];
          const placed: Row[] = [];
          const conflicts: Row[] = [];
          for (const r of rows) {
            const o: Patientenergebnis = outcomes.get(r.patient_id)!;
            if (excludesTherapist(o))
              await this.exclude(t, r.platzsuche_id, a.therapist_id, `Rejected: ${o}`);
            if (!isAccepted(o)) continue;
            accepted.push({ patient_id: r.patient_id, platzsuche_id: r.platzsuche_id });
            // First responder wins: the search is read under its row lock and acceptanceEffect decides; the guarded
            // UPDATE keeps the rule even for a caller that skipped the lock. The notes are sealed, so they are
            // appended here, under the same lock.
            const [cur] = await this.repo.q(
              `SELECT status, vermittelter_therapeut_id, notizen FROM ${S}.platzsuche WHERE id = :sid FOR UPDATE`,
              { sid: r.platzsuche_id },
              t,
            );
            if (!cur) continue;
            const effect = acceptanceEffect(cur, a.therapist_id);
            const won =
              effect !== "placed"
                ? []
                : await this.repo.q(
                    `UPDATE ${S}.platzsuche SET vermittelter_therapeut_id = :tid, updated_at = now(), notizen = :notes
                      WHERE id = :sid AND status = 'aktiv' AND vermittelter_therapeut_id IS NULL RETURNING id`,
                    {
                      tid: a.therapist_id,
                      sid: r.platzsuche_id,
                      notes: appendSealed(
                        this.config,
                        cur.notizen ?? null,
                        `Vermittelt an Therapeut ${a.therapist_id} (Anfrage A${id})`,
                        "System",
                        c,
                      ),
                    },
                    t,
                  );
            if (won.length) {
              placed.push({ patient_id: r.patient_id, platzsuche_id: r.platzsuche_id });
              await this.withdrawFromUnsent(t, r.platzsuche_id, `Patient ${r.patient_id} vermittelt`);
              await this.flagSentInquiries(t, r.platzsuche_id, id, r.patient_id);
              await writeEvent(t, {
                eventType: "search.updated",
                producer: "matching",
                payload: {
                  search_id: r.platzsuche_id,
                  patient_id: r.patient_id,
                  vermittelter_therapeut_id: a.therapist_id,
                },
              });
            } else if (effect === "conflict") {
              await this.repo.exec(
                `INSERT INTO ${S}.vermittlungskonflikt (platzsuche_id, patient_id, therapeutenanfrage_id, therapist_id, vermittelter_therapeut_id)
                 VALUES (:sid, :pid, :aid, :tid, :vt)`,
                {
                  sid: r.platzsuche_id,
                  pid: r.patient_id,
                  aid: id,
                  tid: a.therapist_id,
                  vt: cur.vermittelter_therapeut_id,
                },
                t,
              );
              conflicts.push({
                patient_id: r.patient_id,
                platzsuche_id: r.platzsuche_id,
                vermittelter_therapeut_id: cur.vermittelter_therapeut_id,
              });
            }
          }
          await audit(
            ctx,
            this.db,
            {
              action: "update",
              entity: "therapeutenanfrage",
              entity_id: id,
              details: { response: Object.fromEntries(outcomes), source: ctx.meta.source ?? "staff" },
            },
            t,
          );
          await writeEvent(t, {
            eventType: "bundle.response_received",
            producer: "matching",
            payload: {
              bundle_id: id,
              therapist_id: a.therapist_id,
              response_type: counts.antworttyp,
              accepted: accepted.map((x) => x.patient_id),
              placed: placed.map((x) => x.patient_id),
              conflicts: conflicts.map((x) => x.patient_id),
            },
          });
          await writeEvent(t, {
            eventType: "cooling.period_started",
            producer: "matching",
            payload: { therapist_id: a.therapist_id, until },
          });
          return { a, counts, accepted, placed, conflicts };
        });
        // Visible to the selection at once; the outbox event guarantees it if this call fails.
        await ctx
          .call("therapist.applyCooling", { therapist_id: result.a.therapist_id, until })
          .catch(() => undefined);
        return {
          message: "Anfrage response recorded successfully",
          anfrage_id: id,
          response_type: result.counts.antworttyp,
          angenommene_patienten: result.accepted,
          vermittelte_patienten: result.placed,
          konflikte: result.conflicts,
          antwort_zusammenfassung: {
            accepted: result.counts.angenommen_anzahl,
            rejected: result.counts.abgelehnt_anzahl,
            no_response: result.counts.keine_antwort_anzahl,
          },
          naechster_kontakt_moeglich: until,
        };
      },
    },
  },

  methods: {
    async exclude(this: any, t: any, searchId: number, therapistId: number, reason: string) {
      const [s] = await this.repo.q(
        `SELECT ausgeschlossene_therapeuten FROM ${S}.platzsuche WHERE id = :id FOR UPDATE`,
        { id: searchId },
        t,
      );
      if (!s) return;
      const next = withExclusion(s.ausgeschlossene_therapeuten ?? [], therapistId, reason, new Date());
      await this.repo.exec(
        `UPDATE ${S}.platzsuche SET ausgeschlossene_therapeuten = :l WHERE id = :id`,
        { id: searchId, l: JSON.stringify(next) },
        t,
      );
    },
    /** Sent-but-unanswered inquiries holding a placed patient get a hint so staff can tell those therapists. */
    async flagSentInquiries(this: any, t: any, searchId: number, exceptId: number, patientId: number) {
      await this.repo.exec(
        `INSERT INTO ${S}.anfrage_hinweis (therapeutenanfrage_id, patient_id, text)
         SELECT a.id, :pid, :text FROM ${S}.therapeutenanfrage a
           JOIN ${S}.therapeut_anfrage_patient x ON x.therapeutenanfrage_id = a.id
          WHERE x.platzsuche_id = :sid AND a.id <> :exceptId AND a.gesendet_datum IS NOT NULL
            AND a.antwort_datum IS NULL AND a.abgebrochen_am IS NULL`,
        {
          sid: searchId,
          exceptId,
          pid: patientId,
          text: `Patient ${patientId} ist bereits vermittelt – Therapeut informieren`,
        },
        t,
      );
    },
  },
};

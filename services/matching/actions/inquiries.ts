import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { AppError, badRequest, conflict, isUnreachable, notFound, unavailable } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { parseId } from "../../../mixins/params";
import {
  eligibleSearches,
  toSearchForMatching,
  toTherapistForMatching,
  withoutPlaced,
} from "../domain/candidates";
import { inCooling, selectTherapists } from "../domain/selection";
import { authorOf, clock, type Row } from "./context";
import { distanceKmBetween } from "../../shared/geo";
import { dateInZone, daysBetween } from "../../shared/dates";
import { appendSealed } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Selection (3.4), inquiry creation (3.5) and sending (3.7). */
/** What the selection shows (domain.md 3.4 step 6), also all it needs to choose (tiers, practice owner). */
const SELECTION_FIELDS = [
  "id",
  "anrede",
  "titel",
  "vorname",
  "nachname",
  "strasse",
  "plz",
  "ort",
  "telefon",
  "email",
  "potenziell_verfuegbar",
  "ueber_curavani_informiert",
  "naechster_kontakt_moeglich",
  "bevorzugte_diagnosen",
  "psychotherapieverfahren",
];

export const InquiryActions: Partial<ServiceSchema> = {
  actions: {
    selection: {
      rest: "GET /therapeuten-zur-auswahl",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const prefix = this.validPrefix(ctx.params.plz_prefix);
        const { today } = clock(this.config);
        const therapists = await ctx.call<Row[], any>("therapist.listForMatching", {
          plz_prefix: prefix,
          fields: SELECTION_FIELDS,
        });
        const chosen = selectTherapists(therapists as any[], await this.repo.pendingTherapistIds(), today);
        return {
          plz_prefix: prefix,
          total: chosen.length,
          data: chosen.map((t: Row) =>
            Object.fromEntries(
              SELECTION_FIELDS.map((f) => [f, t[f] ?? (f === "bevorzugte_diagnosen" ? [] : null)]),
            ),
          ),
        };
      },
    },

    createForTherapist: {
      rest: "POST /therapeutenanfragen/erstellen-fuer-therapeut",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const therapistId = parseId(p.therapist_id);
        if (!therapistId) throw badRequest("therapist_id is required");
        const prefix = this.validPrefix(p.plz_prefix);
        const override = p.override_cooling === true;
        if (p.dry_run !== undefined && typeof p.dry_run !== "boolean") {
          throw badRequest("dry_run must be true or false");
        }
        if (override && !(typeof p.begruendung === "string" && p.begruendung.trim())) {
          throw badRequest("override_cooling requires a non-empty begruendung");
        }
        const [therapist] = await ctx.call<Row[], any>("therapist.getMany", { ids: [therapistId] });
        if (!therapist) throw notFound("Therapist not found", "THERAPIST_NOT_FOUND");
        if (therapist.status !== "aktiv") {
          throw conflict(`Therapist is not active (status: ${therapist.status})`, "THERAPIST_NOT_ACTIVE");
        }
        const c = clock(this.config);
        if (!override) await this.assertContactable(therapist, c.today);

        const searches = await this.repo.activeSearches();
        const patients = await this.patientsById(
          ctx,
          searches.map((s: Row) => s.patient_id),
        );
        const { open, placed } = withoutPlaced(
          searches.filter((s: Row) => patients.get(s.patient_id)?.plz?.startsWith(prefix)),
        );
        const candidates = open.map((s: Row) =>
          toSearchForMatching(
            s,
            patients.get(s.patient_id)!,
            c.today,
            this.config.matching.defaultMaxDistanceKm,
          ),
        );
        const { chosen, leftOut } = eligibleSearches(
          candidates,
          toTherapistForMatching(therapist),
          this.config.matching.maxAnfrageSize,
        );
        const ausgelassen = {
          ohne_koordinaten: leftOut.no_location ?? 0,
          bereits_vermittelt: placed,
          ...leftOut,
        };
        delete (ausgelassen as Row).no_location;
        if (p.dry_run === true) {
          // The preview staff confirm before creating: who would be asked, how far, how long they have waited.
          // Writes nothing; creation re-checks everything.
          const tf = toTherapistForMatching(therapist);
          return {
            message: `Dry run: ${chosen.length} patients would be included`,
            dry_run: true,
            therapist_id: therapistId,
            plz_prefix: prefix,
            anfragegroesse: chosen.length,
            erstellbar: chosen.length >= this.config.matching.minAnfrageSize,
            patienten: chosen.map((s) => {
              const pt = patients.get(s.patient_id)!;
              const km = distanceKmBetween(s, tf);
              return {
                patient_id: s.patient_id,
                platzsuche_id: s.platzsuche_id,
                name: `${pt.vorname} ${pt.nachname}`,
                plz: pt.plz ?? null,
                entfernung_km: km === null ? null : Math.round(km * 10) / 10,
                wartezeit_tage: daysBetween(
                  dateInZone(new Date(s.created_at), this.config.core.timezone),
                  c.today,
                ),
              };
            }),
            ausgelassen,
          };
        }
        if (chosen.length < this.config.matching.minAnfrageSize) {
          return {
            message: "No eligible patients found for this therapist",
            therapist_id: therapistId,
            plz_prefix: prefix,
            ausgelassen,
          };
        }
        const anfrage = await this.db.transaction(async (t: any) => {
          await this.repo.exec("SELECT pg_advisory_xact_lock_shared(4712)", {}, t);
          await this.repo.lockTherapist(therapistId, t);
          if (!override && (await this.repo.pendingTherapistIds(t)).has(therapistId)) {
            throw conflict("Therapist already has a pending Anfrage", "THERAPIST_PENDING");
          }
          const notes = override
            ? appendSealed(
                this.config,
                null,
                `Abkühlung/offene Anfrage übergangen: ${String(p.begruendung).trim()}`,
                authorOf(ctx.meta),
                c,
              )
            : null;
          const [a] = await this.repo.q(
            `INSERT INTO ${S}.therapeutenanfrage (therapist_id, anfragegroesse, notizen, quelle)
             VALUES (:tid, :n, :notes, 'manuell') RETURNING *`,
            { tid: therapistId, n: chosen.length, notes },
            t,
          );
          let pos = 0;
          for (const s of chosen) {
            await this.repo.exec(
              `INSERT INTO ${S}.therapeut_anfrage_patient (therapeutenanfrage_id, platzsuche_id, patient_id, position_in_anfrage)
               VALUES (:a, :s, :p, :pos)`,
              { a: a.id, s: s.platzsuche_id, p: s.patient_id, pos: ++pos },
              t,
            );
          }
          if (override) {
            await audit(
              ctx,
              this.db,
              {
                action: "override",
                entity: "therapeutenanfrage",
                entity_id: a.id,
                details: { begruendung: p.begruendung },
              },
              t,
            );
          }
          await audit(ctx, this.db, { action: "create", entity: "therapeutenanfrage", entity_id: a.id }, t);
          await writeEvent(t, {
            eventType: "bundle.created",
            producer: "matching",
            payload: {
              bundle_id: a.id,
              therapist_id: therapistId,
              patient_ids: chosen.map((s) => s.patient_id),
            },
          });
          return a;
        });
        let gesendet = false;
        let send_error: string | undefined;
        if (p.sofort_senden === true) {
          try {
            await this.sendInquiry(ctx, anfrage.id);
            gesendet = true;
          } catch (e) {
            send_error = (e as Error).message;
          }
        }
        ctx.meta.$statusCode = 201;
        return {
          message: `Created anfrage with ${chosen.length} patients`,
          anfrage_id: anfrage.id,
          therapist_id: therapistId,
          anfragegroesse: chosen.length,
          patient_ids: chosen.map((s) => s.patient_id),
          gesendet,
          ...(send_error ? { send_error } : {}),
          ausgelassen,
        };
      },
    },

    send: {
      rest: "POST /therapeutenanfragen/:id/senden",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        if (!id) throw notFound(`Anfrage ${ctx.params.id} not found`);
        return this.sendInquiry(ctx, id);
      },
    },
  },

  methods: {
    validPrefix(this: any, raw: unknown): string {
      const digits = this.config.matching.plzMatchDigits;
      if (typeof raw !== "string" || !new RegExp(`^\\d{${digits}}$`).test(raw)) {
        throw badRequest(`Invalid PLZ prefix. Must be exactly ${digits} digits.`);
      }
      return raw;
    },

    async assertContactable(this: any, therapist: Row, today: string) {
      if (inCooling(therapist as any, today)) {
        throw conflict(
          `Therapist is in cooling period until ${therapist.naechster_kontakt_moeglich}`,
          "THERAPIST_COOLING",
          {
            naechster_kontakt_moeglich: therapist.naechster_kontakt_moeglich,
          },
        );
      }
      if ((await this.repo.pendingTherapistIds()).has(therapist.id)) {
        throw conflict("Therapist already has a pending Anfrage", "THERAPIST_PENDING");
      }
    },

    /** Sends through the communication service, then marks the inquiry sent (domain.md 3.7). */
    async sendInquiry(this: any, ctx: Ctx, id: number) {
      const a = await this.repo.inquiry(id);
      if (!a) throw notFound(`Anfrage ${id} not found`);
      if (a.abgebrochen_am) throw badRequest("Anfrage was cancelled", {}, "ANFRAGE_CANCELLED");
      if (a.gesendet_datum)
        throw badRequest(
          "Anfrage already sent",
          { sent_date: a.gesendet_datum.toISOString() },
          "ANFRAGE_ALREADY_SENT",
        );
      const rows = await this.repo.inquiryRows(id);
      const patients = await this.patientsById(
        ctx,
        rows.map((r: Row) => r.patient_id),
      );
      if (patients.size !== new Set(rows.map((r: Row) => r.patient_id)).size) {
        throw new AppError(400, "PATIENT_DATA_INCOMPLETE", "Patient data incomplete");
      }
      let r: Row;
      try {
        r = await ctx.call("communication.sendInquiry", { anfrage_id: id });
      } catch (e) {
        if (isUnreachable(e)) throw unavailable("Cannot send anfrage: Communication service unavailable");
        throw e;
      }
      const sent = await this.db.transaction(async (t: any) => {
        const cur = await this.repo.inquiry(id, t, true);
        if (cur.gesendet_datum) return cur;
        const [u] = await this.repo.q(
          `UPDATE ${S}.therapeutenanfrage SET gesendet_datum = now(), email_id = :email, phone_call_id = :call, updated_at = now()
            WHERE id = :id RETURNING *`,
          { id, email: r.email_id ?? null, call: r.phone_call_id ?? null },
          t,
        );
        // Every inclusion in a sent inquiry uses one contact of the search's budget (decisions.md 10).
        await this.repo.exec(
          `UPDATE ${S}.platzsuche SET verbrauchte_kontakte = verbrauchte_kontakte + 1
            WHERE id IN (SELECT platzsuche_id FROM ${S}.therapeut_anfrage_patient WHERE therapeutenanfrage_id = :id)`,
          { id },
          t,
        );
        await writeEvent(t, {
          eventType: "bundle.sent",
          producer: "matching",
          payload: { bundle_id: id, therapist_id: u.therapist_id, communication_type: r.communication_type },
        });
        return u;
      });
      return {
        message: "Anfrage sent successfully",
        anfrage_id: id,
        communication_type: r.communication_type,
        email_id: sent.email_id ?? null,
        phone_call_id: sent.phone_call_id ?? null,
        sent_date: sent.gesendet_datum.toISOString(),
      };
    },
  },
};

import type { Context, ServiceSchema } from "moleculer";
import { badRequest, notFound } from "../../../mixins/errors";
import { paginated, parsePagination } from "../../../mixins/pagination";

import { addDays, daysBetween, isIsoDate } from "../../shared/dates";
import { TELEFONANRUFSTATUS, isOneOf } from "../../shared/enums";
import { normalizeSchedule } from "../../shared/schedule";
import { checkCallFields, checkNewCall, defaultCallMinutes } from "../domain/call-input";
import { holidayCheckerForPlz } from "../domain/holidays";
import { positiveId } from "../domain/recipient";
import { freeTimeOn, INQUIRY_CALL_MINUTES, planCall, type SlotRules } from "../domain/slots";
import { CommError } from "../errors";
import type { CallFilters, CallPurpose } from "../persistence/call-repository";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
// Patient calls: tomorrow at 10:00 (domain.md 3.13).
const PATIENT_CALL_TIME = "10:00";

/** Phone calls (domain.md 2.10, 3.13, 4.5) and slot planning (decisions.md 14). */
export const CallActions: Partial<ServiceSchema> = {
  actions: {
    listCalls: {
      rest: "GET /phone-calls",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const q = ctx.params;
        const f: CallFilters = {};
        for (const k of ["therapist_id", "patient_id", "therapeutenanfrage_id"] as const) {
          if (q[k] === undefined || q[k] === "") continue;
          const id = positiveId(q[k]);
          if (id === null) return paginated([], 0, p);
          f[k] = id;
        }
        if (q.recipient_type !== undefined && q.recipient_type !== "") {
          if (q.recipient_type !== "therapist" && q.recipient_type !== "patient") return paginated([], 0, p);
          f.recipient_type = q.recipient_type;
        }
        if (q.status !== undefined && q.status !== "") {
          if (!isOneOf(TELEFONANRUFSTATUS, q.status)) return paginated([], 0, p);
          f.status = q.status;
        }
        if (q.geplantes_datum !== undefined && q.geplantes_datum !== "") {
          if (!isIsoDate(q.geplantes_datum))
            throw badRequest("Invalid date format for geplantes_datum. Use YYYY-MM-DD");
          f.geplantes_datum = q.geplantes_datum;
        }
        if (q.faellig_bis !== undefined && q.faellig_bis !== "") {
          if (!isIsoDate(q.faellig_bis))
            throw badRequest("Invalid date format for faellig_bis. Use YYYY-MM-DD");
          f.faellig_bis = q.faellig_bis;
        }
        if (q.sort !== undefined && q.sort !== "") {
          if (q.sort !== "termin" && q.sort !== "-termin")
            throw badRequest(`Invalid sort '${q.sort}'. Valid values: termin, -termin`);
          f.sort = q.sort;
        }
        const { rows, total } = await this.calls.list(f, p.limit, p.offset);
        await this.auditList(
          ctx,
          rows.map((r: Row) => r.patient_id),
          { via: "telefonanruf", filters: f },
        );
        return paginated(
          rows.map((r: Row) => this.callApi(r)),
          total,
          p,
        );
      },
    },

    getCall: {
      rest: "GET /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const c = await this.loadCall(ctx.params.id);
        await this.auditPatients(ctx, "read", [c.patient_id], { phone_call_id: c.id });
        return this.callApi(c);
      },
    },

    createCall: {
      rest: "POST /phone-calls",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const v = checkNewCall(ctx.params);
        if (v.error !== undefined) throw badRequest(v.error);
        const { recipient, fields } = v.value;
        const duration = fields.dauer_minuten ?? defaultCallMinutes(recipient);
        const therapist =
          recipient.therapist_id !== null ? await this.therapistForCall(ctx, recipient.therapist_id) : null;
        if (recipient.patient_id !== null) {
          const [p] = await ctx.call<Row[], any>("patient.getMany", { ids: [recipient.patient_id] });
          if (!p) throw notFound("Patient not found");
        }
        const row = await this.db.transaction(async (t: any) => {
          let date = fields.geplantes_datum;
          let time = fields.geplante_zeit;
          if (therapist) {
            await this.emails.lockTherapist(therapist.id, t);
            if (!date || !time) {
              const slot = await this.nextTherapistSlot(therapist, duration, date ?? null, t);
              date = slot.date;
              time ??= slot.time;
            }
          } else {
            date ??= addDays(this.today(), 1);
            time ??= PATIENT_CALL_TIME;
          }
          const r = await this.calls.insert(t, {
            ...recipient,
            therapeutenanfrage_id: fields.therapeutenanfrage_id ?? null,
            geplantes_datum: date!,
            geplante_zeit: time!,
            dauer_minuten: duration,
            status: fields.status ?? "geplant",
            notizen: fields.notizen ?? null,
            zweck: "manuell",
          });
          await this.auditPatients(ctx, "create", [r.patient_id], { phone_call_id: r.id }, t);
          return r;
        });
        ctx.meta.$statusCode = 201;
        return this.callApi(row);
      },
    },

    updateCall: {
      rest: "PUT /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const c = await this.loadCall(ctx.params.id);
        const v = checkCallFields(ctx.params);
        if (v.error !== undefined) throw badRequest(v.error);
        if (!Object.keys(v.value).length) return this.callApi(c);
        const u = await this.calls.update(c.id, v.value);
        await this.auditPatients(ctx, "update", [u.patient_id], {
          phone_call_id: u.id,
          fields: Object.keys(v.value),
        });
        // A completed call is a contact (domain.md 2.4 letzter_kontakt, 2.5 letzter_kontakt_telefon).
        if (v.value.status === "abgeschlossen" && c.status !== "abgeschlossen") {
          const date = u.tatsaechliches_datum ?? this.today();
          if (u.patient_id) await ctx.call("patient.touchLastContact", { id: u.patient_id, date });
          if (u.therapist_id)
            await ctx.call("therapist.touchContact", { id: u.therapist_id, channel: "telefon", date });
        }
        return this.callApi(u);
      },
    },

    deleteCall: {
      rest: "DELETE /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const c = await this.loadCall(ctx.params.id);
        await this.calls.remove(c.id);
        await this.auditPatients(ctx, "delete", [c.patient_id], { phone_call_id: c.id });
        return { message: "Phone call deleted successfully" };
      },
    },
  },

  methods: {
    async loadCall(this: any, raw: unknown): Promise<Row> {
      const id = positiveId(raw);
      const c = id ? await this.calls.byId(id) : null;
      if (!c) throw notFound("Phone call not found");
      return c;
    },

    async therapistForCall(this: any, ctx: Ctx, therapistId: number): Promise<Row> {
      const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [therapistId] });
      if (!t) throw notFound("Therapist not found");
      return t;
    },

    /**
     * The therapist's next free slot: in the phone hours (canonical form), on working days of the practice's
     * state, not overlapping a planned call; on a date staff chose, the first free time of that day.
     * Call inside a transaction holding the therapist's lock so two planners never pick the same slot.
     */
    async nextTherapistSlot(this: any, t: Row, minutes: number, onDate: string | null, tx: any) {
      const from = onDate ?? addDays(this.today(), 1);
      const hours = normalizeSchedule(t.telefonische_erreichbarkeit);
      const schedule = hours.ok ? hours.value : {};
      const bookings = await this.calls.bookings(t.id, from, tx);
      const rules: SlotRules = {
        durationMinutes: minutes,
        defaultTime: this.config.communication.defaultPhoneCallTime,
        // A therapist with a few minutes of phone hours a week is booked out for weeks (issue 12.12).
        maxDays: this.config.communication.callPlanningHorizonDays,
      };
      if (onDate)
        return { date: onDate, time: freeTimeOn(onDate, schedule, bookings, rules) ?? rules.defaultTime };
      const slot = planCall(schedule, bookings, from, holidayCheckerForPlz(t.plz), rules);
      if (!slot)
        throw badRequest(
          "No available slots found for this therapist",
          { therapist_id: t.id, horizon_days: rules.maxDays },
          CommError.NO_CALL_SLOT,
        );
      return slot;
    },

    /** A planned call of a kind for an inquiry, once: a retry finds the call planned the first time. */
    async planInquiryCall(this: any, ctx: Ctx, anfrageId: number, therapist: Row, zweck: CallPurpose) {
      const existing = await this.calls.ofInquiry(anfrageId, zweck);
      if (existing) return existing;
      return this.db.transaction(async (tx: any) => {
        await this.emails.lockTherapist(therapist.id, tx);
        const again = await this.calls.ofInquiry(anfrageId, zweck, tx);
        if (again) return again;
        const slot = await this.nextTherapistSlot(therapist, INQUIRY_CALL_MINUTES, null, tx);
        return this.calls.insert(tx, {
          therapist_id: therapist.id,
          patient_id: null,
          therapeutenanfrage_id: anfrageId,
          geplantes_datum: slot.date,
          geplante_zeit: slot.time,
          dauer_minuten: INQUIRY_CALL_MINUTES,
          status: "geplant",
          notizen:
            zweck === "follow_up"
              ? `Erinnerung: Follow-up für Anfrage A${anfrageId}`
              : `Follow-up für Anfrage A${anfrageId}`,
          zweck,
        });
      });
    },

    callApi(this: any, c: Row): Row {
      const out: Row = {};
      for (const [k, v] of Object.entries(c)) out[k] = v instanceof Date ? v.toISOString() : v;
      out.recipient_type = c.therapist_id ? "therapist" : "patient";
      // How far out the call is (negative once it lies in the past): a slot weeks ahead is visible at once.
      out.tage_bis_anruf = isIsoDate(c.geplantes_datum) ? daysBetween(this.today(), c.geplantes_datum) : null;
      return out;
    },
  },
};

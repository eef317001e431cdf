import type { Context, ServiceSchema } from "moleculer";
import { badRequest, notFound } from "../../../mixins/errors";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { parseId } from "../../../mixins/params";
import { TELEFONANRUFSTATUS, isOneOf } from "../../shared/enums";
import { addDays, isIsoDate } from "../../shared/dates";
import { normalizeSchedule } from "../../shared/schedule";
import { stateOfPlz } from "../domain/plz-state";
import { planCall } from "../domain/slots";

// feiertagejs is marked as an ES module but ships a CommonJS build as its main entry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feiertage = require("feiertagejs") as { isHoliday(date: Date, region: string): boolean };

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const C = "communication_service.telefonanrufe";
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Phone calls (domain.md 2.10, 3.13, 4.5) and slot planning (decisions.md 14). */
export const CallActions: Partial<ServiceSchema> = {
  actions: {
    listCalls: {
      rest: "GET /phone-calls",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const q = ctx.params;
        const where: string[] = [];
        const repl: Row = { limit: p.limit, offset: p.offset };
        for (const f of ["therapist_id", "patient_id", "therapeutenanfrage_id"]) {
          if (q[f] === undefined || q[f] === "") continue;
          where.push(`${f} = :${f}`);
          repl[f] = parseId(q[f]) ?? -1;
        }
        if (q.recipient_type === "therapist") where.push("therapist_id IS NOT NULL");
        else if (q.recipient_type === "patient") where.push("patient_id IS NOT NULL");
        if (q.status) {
          if (!isOneOf(TELEFONANRUFSTATUS, q.status)) return paginated([], 0, p);
          where.push("status = :status");
          repl.status = q.status;
        }
        if (q.geplantes_datum) {
          if (!isIsoDate(q.geplantes_datum))
            throw badRequest("Invalid date format for geplantes_datum. Use YYYY-MM-DD");
          where.push("geplantes_datum = :gd");
          repl.gd = q.geplantes_datum;
        }
        const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
        const rows = await this.q(
          `SELECT * FROM ${C} ${w} ORDER BY geplantes_datum DESC, geplante_zeit DESC, id DESC LIMIT :limit OFFSET :offset`,
          repl,
        );
        const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM ${C} ${w}`, repl);
        return paginated(
          rows.map((r: Row) => this.callApi(r)),
          n,
          p,
        );
      },
    },

    getCall: {
      rest: "GET /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        return this.callApi(await this.loadCall(ctx.params.id));
      },
    },

    createCall: {
      rest: "POST /phone-calls",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const hasT = p.therapist_id !== undefined && p.therapist_id !== null;
        const hasP = p.patient_id !== undefined && p.patient_id !== null;
        if (!hasT && !hasP) throw badRequest("Either therapist_id or patient_id is required");
        if (hasT && hasP) throw badRequest("Cannot specify both therapist_id and patient_id");
        const fields = this.validateCallFields(p);
        let date = fields.geplantes_datum;
        let time = fields.geplante_zeit;
        if (!date || !time) {
          const slot = hasT
            ? await this.planTherapistCall(ctx, parseId(p.therapist_id))
            : { date: addDays(this.today(), 1), time: "10:00" };
          if (!slot) throw badRequest("No available slots found for this therapist", {}, "NO_SLOT");
          date ??= slot.date;
          time ??= slot.time;
        }
        const [row] = await this.q(
          `INSERT INTO ${C} (therapist_id, patient_id, therapeutenanfrage_id, geplantes_datum, geplante_zeit, dauer_minuten, status, notizen)
           VALUES (:t, :p, :a, :d, :z, :dur, :status, :notes) RETURNING *`,
          {
            t: hasT ? parseId(p.therapist_id) : null,
            p: hasP ? parseId(p.patient_id) : null,
            a: fields.therapeutenanfrage_id ?? null,
            d: date,
            z: time,
            dur: fields.dauer_minuten ?? (hasT ? 5 : 10),
            status: fields.status ?? "geplant",
            notes: fields.notizen ?? null,
          },
        );
        ctx.meta.$statusCode = 201;
        return this.callApi(row);
      },
    },

    updateCall: {
      rest: "PUT /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const c = await this.loadCall(ctx.params.id);
        const fields = this.validateCallFields(ctx.params);
        if (!Object.keys(fields).length) return this.callApi(c);
        const sets = Object.keys(fields).map((k) => `${k} = :${k}`);
        const [u] = await this.q(
          `UPDATE ${C} SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :__id RETURNING *`,
          { ...fields, __id: c.id },
        );
        if (fields.status === "abgeschlossen" && c.status !== "abgeschlossen") {
          const date = u.tatsaechliches_datum ?? this.today();
          if (u.patient_id)
            await ctx.call("patient.touchLastContact", { id: u.patient_id, date }).catch(() => undefined);
          if (u.therapist_id)
            await ctx
              .call("therapist.touchContact", { id: u.therapist_id, channel: "telefon", date })
              .catch(() => undefined);
        }
        return this.callApi(u);
      },
    },

    deleteCall: {
      rest: "DELETE /phone-calls/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const c = await this.loadCall(ctx.params.id);
        await this.q(`DELETE FROM ${C} WHERE id = :id RETURNING id`, { id: c.id });
        return { message: "Phone call deleted successfully" };
      },
    },
  },

  methods: {
    async loadCall(this: any, raw: unknown): Promise<Row> {
      const id = parseId(raw);
      const [c] = id ? await this.q(`SELECT * FROM ${C} WHERE id = :id`, { id }) : [];
      if (!c) throw notFound("Phone call not found");
      return c;
    },
    validateCallFields(p: Row): Row {
      const out: Row = {};
      for (const f of ["geplantes_datum", "tatsaechliches_datum", "wiederholen_nach"]) {
        if (p[f] === undefined) continue;
        if (p[f] !== null && !isIsoDate(p[f]))
          throw badRequest(`Invalid date format for ${f}. Use YYYY-MM-DD`);
        out[f] = p[f];
      }
      for (const f of ["geplante_zeit", "tatsaechliche_zeit"]) {
        if (p[f] === undefined) continue;
        if (p[f] !== null && !TIME.test(p[f])) throw badRequest(`Invalid time format for ${f}. Use HH:MM`);
        out[f] = p[f];
      }
      if (p.status !== undefined) {
        if (!isOneOf(TELEFONANRUFSTATUS, p.status))
          throw badRequest(`Invalid status '${p.status}'. Valid values: ${TELEFONANRUFSTATUS.join(", ")}`);
        out.status = p.status;
      }
      if (p.dauer_minuten !== undefined) {
        if (!Number.isInteger(p.dauer_minuten) || p.dauer_minuten < 1 || p.dauer_minuten > 120)
          throw badRequest("dauer_minuten must be between 1 and 120");
        out.dauer_minuten = p.dauer_minuten;
      }
      if (p.therapeutenanfrage_id !== undefined)
        out.therapeutenanfrage_id =
          p.therapeutenanfrage_id === null ? null : parseId(p.therapeutenanfrage_id);
      for (const f of ["ergebnis", "notizen"])
        if (p[f] !== undefined) out[f] = p[f] === null ? null : String(p[f]);
      return out;
    },
    /** Next free 5-minute slot in the therapist's phone hours, skipping the practice state's holidays. */
    async planTherapistCall(this: any, ctx: Ctx, therapistId: number) {
      const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [therapistId] });
      if (!t) throw notFound("Therapist not found");
      const from = addDays(this.today(), 1);
      const booked = await this.q(
        `SELECT geplantes_datum::text AS d, geplante_zeit AS z FROM ${C}
          WHERE therapist_id = :id AND status <> 'abgebrochen' AND geplantes_datum >= :from`,
        { id: therapistId, from },
      );
      const state = stateOfPlz(t.plz);
      const hours = normalizeSchedule(t.telefonische_erreichbarkeit);
      return planCall(
        hours.ok ? hours.value : {},
        new Set(booked.map((b: Row) => `${b.d} ${b.z}`)),
        from,
        (date) => (state ? feiertage.isHoliday(new Date(`${date}T12:00:00`), state) : false),
        { durationMinutes: 5, defaultTime: this.config.communication.defaultPhoneCallTime, maxDays: 14 },
      );
    },
    callApi(c: Row): Row {
      const out: Row = {};
      for (const [k, v] of Object.entries(c)) out[k] = v instanceof Date ? v.toISOString() : v;
      out.recipient_type = c.therapist_id ? "therapist" : "patient";
      return out;
    },
  },
};

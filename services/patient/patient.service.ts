import * as crypto from "node:crypto";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../mixins/audit";
import { SqlMixin } from "../../mixins/db.mixin";
import { AppError, badRequest, isUnreachable, notFound, unavailable } from "../../mixins/errors";
import { writeEvent } from "../../mixins/outbox";
import { paginated, parsePagination } from "../../mixins/pagination";
import { parseId } from "../../mixins/params";
import { PATIENTENSTATUS, isOneOf } from "../shared/enums";
import { dateInZone, isIsoDate } from "../shared/dates";
import { validateFields } from "../shared/validation";
import { ADDRESS_FIELDS, PATIENT_REQUIRED, PATIENT_RULES } from "./domain/fields";
import { applyPaymentRules, isZahlungsreferenz, newZahlungsreferenz } from "./domain/payment";
import { prequalification } from "./domain/prequalification";
import { PatientRepository } from "./persistence/patient-repository";

type Ctx<P = Record<string, any>> = Context<P, { user?: unknown; $statusCode?: number }>;
type Row = Record<string, any>;
const MATCHING_FIELDS = new Set(["geburtsdatum", "symptome"]);

/** Patients (domain.md 2.4, 3.2, 3.11, 4.2): records, payment start, pre-qualification, GDPR. */
const PatientService: ServiceSchema = {
  name: "patient",
  mixins: [SqlMixin("patient_service")],
  settings: { rest: "/" },

  actions: {
    list: {
      rest: "GET /patients",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const status = ctx.params.status;
        // An unknown status is not an error here (domain.md 4.1): it simply matches nothing.
        if (status && !isOneOf(PATIENTENSTATUS, status)) return paginated([], 0, p);
        const search = typeof ctx.params.search === "string" ? ctx.params.search.trim() : "";
        const { rows, total } = await this.repo.list({ status, search, limit: p.limit, offset: p.offset });
        await audit(ctx, this.db, {
          action: "list",
          entity: "patient",
          details: { ids: rows.map((r: Row) => r.id) },
        });
        return paginated(
          rows.map((r: Row) => this.present(r)),
          total,
          p,
        );
      },
    },

    get: {
      rest: "GET /patients/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        await audit(ctx, this.db, { action: "read", entity: "patient", entity_id: row.id });
        return this.present(row);
      },
    },

    create: {
      rest: "POST /patients",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const { value, error } = validateFields(ctx.params, PATIENT_RULES, PATIENT_REQUIRED);
        if (error) throw badRequest(error);
        const ref = ctx.params.zahlungsreferenz;
        if (ref !== undefined && ref !== null && !isZahlungsreferenz(ref)) {
          throw badRequest("Invalid zahlungsreferenz. Must be 8 letters or digits");
        }
        const fields: Row = {
          status: "offen",
          vertraege_unterschrieben: false,
          zahlung_eingegangen: false,
          ...value,
          zahlungsreferenz: ref ?? newZahlungsreferenz(crypto.randomBytes),
          startdatum: null,
        };
        Object.assign(fields, applyPaymentRules(null, fields as any, this.today()));
        const row = await this.db.transaction(async (t: any) => {
          const r = await this.repo.insert(fields, t);
          await audit(ctx, this.db, { action: "create", entity: "patient", entity_id: r.id }, t);
          await writeEvent(t, {
            eventType: "patient.created",
            producer: "patient",
            payload: { patient_id: r.id },
          });
          return r;
        });
        ctx.meta.$statusCode = 201;
        return this.present(await this.locate(row));
      },
    },

    update: {
      rest: "PUT /patients/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = this.idOrNotFound(ctx.params.id);
        const input = { ...ctx.params };
        delete input.id;
        const { value, error } = validateFields(input, PATIENT_RULES);
        if (error) throw badRequest(error);
        for (const f of PATIENT_REQUIRED)
          if (f in value && value[f] === null) throw badRequest(`Field '${f}' is required`);
        if ("zahlungsreferenz" in input) {
          if (!isZahlungsreferenz(input.zahlungsreferenz))
            throw badRequest("Invalid zahlungsreferenz. Must be 8 letters or digits");
          value.zahlungsreferenz = input.zahlungsreferenz;
        }
        let addressChanged = false;
        let startedBefore = true;
        const row = await this.db.transaction(async (t: any) => {
          const before = await this.repo.byId(id, t, true);
          if (!before) throw notFound("Patient not found");
          startedBefore = before.startdatum !== null;
          const merged = { ...before, ...value };
          Object.assign(value, applyPaymentRules(before, merged, this.today()));
          addressChanged = ADDRESS_FIELDS.some((f) => f in value && value[f] !== this.repo.toApi(before)[f]);
          if (!Object.keys(value).length) return before;
          const r = await this.repo.update(id, value, t);
          await audit(
            ctx,
            this.db,
            { action: "update", entity: "patient", entity_id: id, details: { fields: Object.keys(value) } },
            t,
          );
          await writeEvent(t, {
            eventType: "patient.updated",
            producer: "patient",
            payload: { patient_id: id, fields: Object.keys(value) },
          });
          return r;
        });
        if (row.status === "auf_der_Suche" && row.startdatum && !startedBefore)
          await this.confirmPayment(ctx, row);
        return this.present(addressChanged ? await this.locate(row) : row);
      },
    },

    remove: {
      rest: "DELETE /patients/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        try {
          await ctx.call("matching.cancelSearchesForPatient", { patient_id: row.id });
        } catch (e) {
          if (isUnreachable(e)) throw unavailable("Cannot delete patient: Matching service unavailable");
          throw new AppError(
            500,
            "CASCADE_FAILED",
            `Cannot delete patient: Matching service error: ${(e as Error).message}`,
          );
        }
        await this.db.transaction(async (t: any) => {
          await this.repo.remove(row.id, t);
          await audit(ctx, this.db, { action: "delete", entity: "patient", entity_id: row.id }, t);
          await writeEvent(t, {
            eventType: "patient.deleted",
            producer: "patient",
            payload: { patient_id: row.id },
          });
        });
        return { message: "Patient deleted successfully" };
      },
    },

    lastContact: {
      rest: "PATCH /patients/:id/last-contact",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const date = ctx.params.date ?? this.today();
        if (!isIsoDate(date)) throw badRequest("Invalid date format. Use YYYY-MM-DD");
        await this.db.transaction(async (t: any) => {
          await this.repo.update(row.id, { letzter_kontakt: date }, t);
          await audit(
            ctx,
            this.db,
            {
              action: "update",
              entity: "patient",
              entity_id: row.id,
              details: { fields: ["letzter_kontakt"] },
            },
            t,
          );
        });
        return { message: "Last contact updated", letzter_kontakt: date };
      },
    },

    /** Internal: several patients in API shape, decrypted (the bundle run asks for thousands at once). */
    getMany: {
      async handler(this: any, ctx: Ctx<{ ids: number[]; profile?: "matching" }>) {
        const ids = (ctx.params.ids ?? []).filter((i) => Number.isInteger(i));
        const rows = await this.repo.byIds(ids);
        // The matching profile: only the fields matching decides on, without pre-qualification figures.
        if (ctx.params.profile === "matching")
          return rows.map((r: Row) => this.repo.toApi(r, MATCHING_FIELDS));
        return rows.map((r: Row) => this.present(r));
      },
    },

    /** Internal: status changes decided elsewhere (search successful -> in_Therapie). */
    setStatus: {
      async handler(this: any, ctx: Ctx<{ id: number; status: string }>) {
        if (!isOneOf(PATIENTENSTATUS, ctx.params.status))
          throw badRequest(`Invalid status '${ctx.params.status}'`);
        await this.db.transaction(async (t: any) => {
          const before = await this.repo.byId(ctx.params.id, t, true);
          if (!before) throw notFound("Patient not found");
          await this.repo.update(ctx.params.id, { status: ctx.params.status }, t);
          await audit(
            ctx,
            this.db,
            {
              action: "update",
              entity: "patient",
              entity_id: ctx.params.id,
              details: { status: ctx.params.status },
            },
            t,
          );
        });
        return { id: ctx.params.id, status: ctx.params.status };
      },
    },

    /** Internal + event consumer: an e-mail to the patient was sent, a call completed. */
    touchLastContact: {
      async handler(this: any, ctx: Ctx<{ id: number; date: string }>) {
        await this.db.query(
          `UPDATE patient_service.patienten SET letzter_kontakt = GREATEST(COALESCE(letzter_kontakt, :date::date), :date::date)
            WHERE id = :id`,
          { replacements: { id: ctx.params.id, date: ctx.params.date ?? this.today() } },
        );
        return { ok: true };
      },
    },
    onEmailSent: {
      subscribe: "email.sent",
      async handler(this: any, ctx: Ctx<{ payload: { patient_id?: number; sent_at?: string } }>) {
        const p = ctx.params.payload ?? {};
        if (!p.patient_id) return { ok: true };
        const date = p.sent_at ? dateInZone(new Date(p.sent_at), this.config.core.timezone) : this.today();
        return ctx.call("patient.touchLastContact", { id: p.patient_id, date });
      },
    },

    export: {
      rest: "GET /patients/:id/export",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const related: Row = {};
        for (const svc of ["matching", "communication"]) {
          if (!this.broker.registry.hasService(svc)) continue;
          try {
            related[svc] = await ctx.call(`${svc}.exportPatient`, { patient_id: row.id });
          } catch (e) {
            if (isUnreachable(e)) throw unavailable(`Export incomplete: ${svc} service unavailable`);
            throw e;
          }
        }
        await audit(ctx, this.db, { action: "export", entity: "patient", entity_id: row.id });
        return { exported_at: new Date().toISOString(), patient: this.present(row), ...related };
      },
    },

    erasure: {
      rest: "POST /patients/:id/erasure",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const erased: Row = {};
        for (const svc of ["matching", "communication"]) {
          if (!this.broker.registry.hasService(svc)) continue;
          try {
            erased[svc] = await ctx.call(`${svc}.erasePatient`, { patient_id: row.id });
          } catch (e) {
            if (isUnreachable(e)) throw unavailable(`Erasure not possible now: ${svc} service unavailable`);
            throw e;
          }
        }
        await this.db.transaction(async (t: any) => {
          await this.repo.remove(row.id, t);
          await audit(
            ctx,
            this.db,
            {
              action: "erase",
              entity: "patient",
              entity_id: row.id,
              details: { cascaded: Object.keys(erased) },
            },
            t,
          );
          await writeEvent(t, {
            eventType: "patient.deleted",
            producer: "patient",
            payload: { patient_id: row.id, erased: true },
          });
        });
        return { message: "Patient data erased", patient_id: row.id, cascaded: erased };
      },
    },
  },

  methods: {
    /** Payment received and the search started: the patient gets the payment confirmation (never blocks). */
    async confirmPayment(this: any, ctx: Ctx, row: Row) {
      if (!row.email || !this.broker.registry.hasService("communication")) return;
      await ctx
        .call("communication.queueTemplateEmail", {
          template: "payment_confirmation",
          patient_id: row.id,
          to_email: row.email,
          to_name: `${row.vorname} ${row.nachname}`,
          variables: { zahlungsreferenz: row.zahlungsreferenz, anrede: row.anrede, nachname: row.nachname },
        })
        .catch((e: Error) =>
          this.logger.warn(`payment confirmation for patient ${row.id} not queued: ${e.message}`),
        );
    },
    today(this: any): string {
      return dateInZone(new Date(), this.config.core.timezone);
    },
    idOrNotFound(raw: unknown): number {
      const id = parseId(raw);
      if (!id) throw notFound("Patient not found");
      return id;
    },
    async load(this: any, raw: unknown): Promise<Row> {
      const row = await this.repo.byId(this.idOrNotFound(raw));
      if (!row) throw notFound("Patient not found");
      return row;
    },
    present(this: any, row: Row): Row {
      const api = this.repo.toApi(row);
      api.vorqualifikation = prequalification(api as any, this.today(), {
        minWeeklyHours: this.config.matching.minWeeklyHours,
      });
      return api;
    },
    /** Stores the PLZ centroid at once; never fails the request when geocoding is unavailable. */
    async locate(this: any, row: Row): Promise<Row> {
      const plz = row.plz;
      let c: { latitude: number; longitude: number } | null = null;
      if (plz && this.broker.registry.hasService("geocoding")) {
        c = await this.broker.call("geocoding.plzCentroid", { plz }).catch(() => null);
      }
      const coords = {
        latitude: c?.latitude ?? null,
        longitude: c?.longitude ?? null,
        geo_source: c ? "plz_centroids" : null,
      };
      await this.repo.setCoordinates(row.id, coords);
      return { ...row, ...coords };
    },
  },

  started(this: any) {
    this.repo = new PatientRepository(this.db, this.config);
  },
};

export default PatientService;

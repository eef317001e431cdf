import type { Context, ServiceSchema } from "moleculer";
import type { Transaction } from "sequelize";
import { audit } from "../../../mixins/audit";
import { badRequest, notFound } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { PATIENTENSTATUS, invalidEnumMessage, isOneOf } from "../../shared/enums";
import { PATIENT_SORTS } from "../persistence/patient-repository";
import { isIsoDate } from "../../shared/dates";
import { validatePatientInput } from "../domain/input";
import { addressChanged } from "../domain/location";
import { applyPaymentRules } from "../domain/payment";

type Ctx = Context<Record<string, any>, { user?: unknown; $statusCode?: number }>;
type Row = Record<string, any>;

/** The compatible REST API of domain.md 4.2. */
export const RecordActions: Partial<ServiceSchema> = {
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
        const sort = ctx.params.sort;
        if (sort !== undefined && !isOneOf(PATIENT_SORTS, sort))
          throw badRequest(invalidEnumMessage("sort", sort, PATIENT_SORTS));
        const { rows, total } = await this.repo.list({
          status,
          search,
          sort,
          limit: p.limit,
          offset: p.offset,
        });
        await audit(ctx, this.db, {
          action: "list",
          entity: "patient",
          details: { ids: rows.map((r: Row) => r.id) },
        });
        const today = this.today();
        return paginated(
          rows.map((r: Row) => this.present(r, today)),
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
        const input = validatePatientInput(ctx.params, "create");
        if (!input.ok) throw badRequest(input.error, input.field ? { field: input.field } : {});
        const { row } = await this.createPatient(ctx, input.value);
        ctx.meta.$statusCode = 201;
        return this.present(row);
      },
    },

    update: {
      rest: "PUT /patients/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = this.idOrNotFound(ctx.params.id);
        const { id: _routeId, ...body } = ctx.params;
        const input = validatePatientInput(body, "update");
        if (!input.ok) throw badRequest(input.error, input.field ? { field: input.field } : {});
        const value: Row = input.value;

        // The centroid is looked up before the row lock is taken (a remote call must not hold it).
        const current = await this.load(id);
        const moved = addressChanged(this.repo.toApi(current, new Set(["strasse"])), value);
        const plz = "plz" in value ? value.plz : current.plz;
        const coords = moved ? await this.centroidFor(plz) : null;

        let startedNow = false;
        const row = await this.db.transaction(async (t: Transaction) => {
          const before = await this.repo.byId(id, t, true);
          if (!before) throw notFound("Patient not found");
          const payment = applyPaymentRules(before as any, { ...before, ...value } as any, this.today());
          startedNow = before.startdatum === null && payment.startdatum !== null;
          const changes: Row = { ...value, ...payment };
          const extra: string[] = [];
          if (coords) {
            // The PLZ changed again between look-up and lock: store nothing stale, let the job place it.
            const stale = ("plz" in value ? value.plz : before.plz) !== plz;
            Object.assign(
              changes,
              stale ? { latitude: null, longitude: null, geo_source: null, geo_pending: true } : coords,
            );
            extra.push("address_version = address_version + 1");
          }
          const fields = Object.keys(value);
          if (!fields.length) {
            // Nothing to change, but the record is shown: a read.
            await audit(ctx, this.db, { action: "read", entity: "patient", entity_id: id }, t);
            return before;
          }
          const r = await this.repo.update(id, changes, t, extra);
          await audit(
            ctx,
            this.db,
            { action: "update", entity: "patient", entity_id: id, details: { fields } },
            t,
          );
          await writeEvent(t, {
            eventType: "patient.updated",
            producer: "patient",
            payload: { patient_id: id, fields },
          });
          return r;
        });
        if (startedNow && row.status === "auf_der_Suche") await this.confirmPayment(ctx, row);
        if (coords) this.refineLater(row);
        return this.present(row);
      },
    },

    remove: {
      rest: "DELETE /patients/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        // Nothing of a deleted patient may survive elsewhere (decisions.md 27): the erasure cascade, which
        // refuses while a search is active.
        await this.eraseEverywhere(ctx, row, "delete");
        return { message: "Patient deleted successfully" };
      },
    },

    lastContact: {
      rest: "PATCH /patients/:id/last-contact",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = this.idOrNotFound(ctx.params.id);
        const date = ctx.params.date ?? this.today();
        if (!isIsoDate(date)) throw badRequest("Invalid date format. Use YYYY-MM-DD");
        await this.db.transaction(async (t: Transaction) => {
          if (!(await this.repo.byId(id, t, true))) throw notFound("Patient not found");
          // Staff may correct the date in either direction, unlike the automatic touch.
          await this.repo.update(id, { letzter_kontakt: date }, t);
          const details = { fields: ["letzter_kontakt"] };
          await audit(ctx, this.db, { action: "update", entity: "patient", entity_id: id, details }, t);
          await writeEvent(t, {
            eventType: "patient.updated",
            producer: "patient",
            payload: { patient_id: id, ...details },
          });
        });
        return { message: "Last contact updated", letzter_kontakt: date };
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
  },
};

import * as path from "node:path";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../mixins/audit";
import { SqlMixin } from "../../mixins/db.mixin";
import { badRequest, conflict, isUnreachable, notFound, unavailable } from "../../mixins/errors";
import { alreadyProcessed, writeEvent } from "../../mixins/outbox";
import { paginated, parsePagination } from "../../mixins/pagination";
import { parseId } from "../../mixins/params";
import { THERAPEUTSTATUS, invalidEnumMessage, isOneOf } from "../shared/enums";
import { dateInZone } from "../shared/dates";
import { resolveNulls, validateFields } from "../shared/validation";
import {
  ADDRESS_FIELDS,
  THERAPIST_NULLS,
  THERAPIST_REQUIRED,
  THERAPIST_RULES,
  blockingChange,
  parseBoolFilter,
} from "./domain/fields";
import { THERAPIST_SORTS, TherapistRepository } from "./persistence/therapist-repository";
import { PdfStorage } from "./pdf-storage";
import { ImportActions } from "./import/import.actions";
import { PdfActions } from "./pdf.actions";
import { TherapistLocation } from "./location";
import { JobsMixin } from "../../mixins/scheduler";
import { brokerConfig } from "../../mixins/config.mixin";

type Ctx<P = Record<string, any>> = Context<P, any>;
type Row = Record<string, any>;

/** Therapists (domain.md 2.5, 3.14, 4.3): records, blocking, cooling; PDFs, import and location in mixins. */
const TherapistService: ServiceSchema = {
  name: "therapist",
  mixins: [SqlMixin("therapist_service"), JobsMixin, ImportActions, TherapistLocation, PdfActions],
  settings: { rest: "/" },

  // Job intervals come from the config the broker was started with.
  merged(this: any, schema: ServiceSchema) {
    const cfg = brokerConfig(this.broker).therapist;
    schema.jobs = [
      ...(schema.jobs ?? []),
      { name: "therapist.locate", every: cfg.locateSeconds, handler: "locatePending" },
    ];
  },

  actions: {
    list: {
      rest: "GET /therapists",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const pv = parseBoolFilter(ctx.params.potenziell_verfuegbar);
        if (pv.error) throw badRequest(pv.error);
        const status = ctx.params.status;
        if (status && !isOneOf(THERAPEUTSTATUS, status)) return paginated([], 0, p);
        const sort = ctx.params.sort;
        if (sort !== undefined && sort !== "" && !isOneOf(THERAPIST_SORTS, sort))
          throw badRequest(invalidEnumMessage("sort", sort, THERAPIST_SORTS));
        const { rows, total } = await this.repo.list({
          sort: sort || undefined,
          status,
          potenziell_verfuegbar: pv.value,
          search: typeof ctx.params.search === "string" ? ctx.params.search.trim() : "",
          plz_prefix: typeof ctx.params.plz_prefix === "string" ? ctx.params.plz_prefix.trim() : "",
          limit: p.limit,
          offset: p.offset,
        });
        return paginated(
          rows.map((r: Row) => this.repo.toApi(r)),
          total,
          p,
        );
      },
    },

    get: {
      rest: "GET /therapists/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        await audit(ctx, this.db, { action: "read", entity: "therapist", entity_id: row.id });
        return this.repo.toApi(row);
      },
    },

    create: {
      rest: "POST /therapists",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const { value, error } = validateFields(ctx.params, THERAPIST_RULES, THERAPIST_REQUIRED);
        if (error) throw badRequest(error);
        resolveNulls(value, THERAPIST_NULLS, "create");
        if (value.status === "gesperrt") value.sperrdatum ??= this.today();
        const row = await this.db.transaction(async (t: any) => {
          const r = await this.repo.insert(value, t);
          await audit(ctx, this.db, { action: "create", entity: "therapist", entity_id: r.id }, t);
          await this.emitChange(t, null, r);
          return r;
        });
        ctx.meta.$statusCode = 201;
        return this.repo.toApi(await this.locate(row));
      },
    },

    update: {
      rest: "PUT /therapists/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = this.idOrNotFound(ctx.params.id);
        const input = { ...ctx.params };
        delete input.id;
        const { value, error } = validateFields(input, THERAPIST_RULES);
        if (error) throw badRequest(error);
        for (const f of THERAPIST_REQUIRED)
          if (f in value && value[f] === null) throw badRequest(`Field '${f}' is required`);
        const kept = resolveNulls(value, THERAPIST_NULLS, "update");
        if (kept) throw badRequest(kept);
        let addressChanged = false;
        const row = await this.db.transaction(async (t: any) => {
          const before = await this.repo.byId(id, t, true);
          if (!before) throw notFound("Therapist not found");
          if (value.status === "gesperrt" && before.status !== "gesperrt") value.sperrdatum ??= this.today();
          addressChanged = ADDRESS_FIELDS.some((f) => f in value && value[f] !== before[f]);
          if (!Object.keys(value).length) return before;
          const r = await this.repo.update(id, value, t);
          await audit(
            ctx,
            this.db,
            { action: "update", entity: "therapist", entity_id: id, details: { fields: Object.keys(value) } },
            t,
          );
          await this.emitChange(t, before, r);
          return r;
        });
        return this.repo.toApi(addressChanged ? await this.locate(row) : row);
      },
    },

    remove: {
      rest: "DELETE /therapists/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        let inquiries: number;
        try {
          inquiries = await ctx.call("matching.countInquiriesForTherapist", { therapist_id: row.id });
        } catch (e) {
          if (isUnreachable(e)) throw unavailable("Cannot delete therapist: Matching service unavailable");
          throw e;
        }
        if (inquiries > 0) {
          throw conflict(
            "Cannot delete therapist: Therapeutenanfragen exist for this therapist. Please delete all related Therapeutenanfragen first.",
            "THERAPIST_HAS_INQUIRIES",
          );
        }
        await this.db.transaction(async (t: any) => {
          await this.repo.remove(row.id, t);
          await audit(ctx, this.db, { action: "delete", entity: "therapist", entity_id: row.id }, t);
        });
        this.pdfs.remove(row.id);
        return { message: "Therapist deleted successfully" };
      },
    },

    getMany: {
      async handler(this: any, ctx: Ctx<{ ids: number[] }>) {
        return (await this.repo.byIds((ctx.params.ids ?? []).filter(Number.isInteger))).map((r: Row) =>
          this.repo.toApi(r),
        );
      },
    },

    /** `fields`: only these columns (the selection needs 15 of ~45; the rest is payload on every call). */
    listForMatching: {
      async handler(this: any, ctx: Ctx<{ plz_prefix?: string; fields?: string[] }>) {
        const fields = Array.isArray(ctx.params.fields) ? ctx.params.fields : undefined;
        const rows = await this.repo.forMatching(ctx.params.plz_prefix, fields);
        return fields
          ? rows.map((r: Row) => this.repo.toApi(r, false))
          : rows.map((r: Row) => this.repo.toApi(r));
      },
    },

    applyCooling: {
      async handler(this: any, ctx: Ctx<{ therapist_id: number; until: string }>) {
        await this.repo.extendCooling(ctx.params.therapist_id, ctx.params.until);
        return { ok: true };
      },
    },
    onCoolingStarted: {
      subscribe: "cooling.period_started",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params.payload ?? {};
        await this.db.transaction(async (t: any) => {
          if (await alreadyProcessed(t, "therapist.onCoolingStarted", ctx.params.eventId)) return;
          await this.db.query(
            `UPDATE therapist_service.therapeuten
                SET naechster_kontakt_moeglich = GREATEST(COALESCE(naechster_kontakt_moeglich, :until::date), :until::date)
              WHERE id = :id`,
            { replacements: { id: p.therapist_id, until: p.until }, transaction: t },
          );
        });
        return { ok: true };
      },
    },

    touchContact: {
      async handler(this: any, ctx: Ctx<{ id: number; channel: "email" | "telefon"; date?: string }>) {
        const col = ctx.params.channel === "telefon" ? "letzter_kontakt_telefon" : "letzter_kontakt_email";
        await this.db.query(
          `UPDATE therapist_service.therapeuten SET ${col} = GREATEST(COALESCE(${col}, :date::date), :date::date) WHERE id = :id`,
          { replacements: { id: ctx.params.id, date: ctx.params.date ?? this.today() } },
        );
        return { ok: true };
      },
    },
    onEmailSent: {
      subscribe: "email.sent",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params.payload ?? {};
        if (!p.therapist_id) return { ok: true };
        const date = p.sent_at ? dateInZone(new Date(p.sent_at), this.config.core.timezone) : this.today();
        return ctx.call("therapist.touchContact", { id: p.therapist_id, channel: "email", date });
      },
    },
  },

  methods: {
    today(this: any): string {
      return dateInZone(new Date(), this.config.core.timezone);
    },
    idOrNotFound(raw: unknown): number {
      const id = parseId(raw);
      if (!id) throw notFound("Therapist not found");
      return id;
    },
    async load(this: any, raw: unknown): Promise<Row> {
      const row = await this.repo.byId(this.idOrNotFound(raw));
      if (!row) throw notFound("Therapist not found");
      return row;
    },
    async emitChange(this: any, t: any, before: Row | null, after: Row) {
      const change = blockingChange(before as { status: string } | null, after as { status: string });
      if (change === "blocked") {
        await writeEvent(t, {
          eventType: "therapist.blocked",
          producer: "therapist",
          payload: { therapist_id: after.id, reason: after.sperrgrund ?? null },
        });
      } else if (change === "unblocked") {
        await writeEvent(t, {
          eventType: "therapist.unblocked",
          producer: "therapist",
          payload: { therapist_id: after.id },
        });
      }
      await writeEvent(t, {
        eventType: "therapist.updated",
        producer: "therapist",
        payload: { therapist_id: after.id },
      });
    },
  },

  started(this: any) {
    this.repo = new TherapistRepository(this.db);
    const dir = this.config.therapist.pdfDir ?? path.resolve(this.config.core.dataDir, "pdfs");
    this.pdfs = new PdfStorage(
      dir,
      this.config.therapist.pdfMaxBytes,
      this.config.therapist.pdfCheckTimeoutMs,
    );
  },
};

export default TherapistService;

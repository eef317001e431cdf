import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes, type Transaction } from "sequelize";
import { audit } from "../../../mixins/audit";
import { notFound } from "../../../mixins/errors";
import { alreadyProcessed, writeEvent, type EventEnvelope } from "../../../mixins/outbox";
import { parseParams } from "../../../mixins/params";
import { dateInZone } from "../../shared/dates";
import { GetManyParams, IdsByNameParams, SetStatusParams, TouchLastContactParams } from "../contracts";

type Ctx<P = Record<string, any>> = Context<P, any>;
type Row = Record<string, any>;
// The fields matching decides on; everything else encrypted stays encrypted for the bundle run.
const MATCHING_FIELDS = new Set(["geburtsdatum", "symptome"]);
// The columns the matching profile carries (hard constraints, location, hours, preference attributes): the
// bundle run reads 20,000 patients, so it does not fetch the rest.
const MATCHING_COLUMNS = [
  "id",
  "plz",
  "geschlecht",
  "geburtsdatum",
  "symptome",
  "bevorzugtes_therapeutengeschlecht",
  "bevorzugtes_therapieverfahren",
  "offen_fuer_gruppentherapie",
  "latitude",
  "longitude",
  "raeumliche_verfuegbarkeit",
  "zeitliche_verfuegbarkeit",
];

/** Actions other services call (docs/development.md); no REST route. */
export const InternalActions: Partial<ServiceSchema> = {
  actions: {
    /** Patients in API shape, decrypted, in id order; unknown ids are left out. One query for any number. */
    getMany: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(GetManyParams, ctx.params);
        // Ids outside the column's range cannot exist (and would make the cast fail).
        const wanted = [...new Set(p.ids)].filter((i) => i > 0 && i <= 2_147_483_647);
        const rows: Row[] =
          p.profile === "matching" ? await this.matchingRows(wanted) : await this.repo.byIds(wanted);
        const ids = rows.map((r) => r.id);
        if (ids.length) {
          await audit(ctx, this.db, {
            action: ids.length === 1 ? "read" : "list",
            entity: "patient",
            entity_id: ids.length === 1 ? ids[0] : null,
            details: { ids, caller: ctx.caller ?? null, ...(p.profile ? { profile: p.profile } : {}) },
          });
        }
        if (p.profile === "matching") return rows.map((r) => this.repo.toApi(r, MATCHING_FIELDS));
        const today = this.today();
        return rows.map((r) => this.present(r, today));
      },
    },

    /** Ids of patients whose first or last name contains `search` (the searches list filters by name). */
    idsByName: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(IdsByNameParams, ctx.params);
        return this.repo.idsByName(p.search, p.limit);
      },
    },

    /** Status changes decided elsewhere (search successful -> in_Therapie). */
    setStatus: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(SetStatusParams, ctx.params);
        await this.db.transaction(async (t: Transaction) => {
          const before = await this.repo.byId(p.id, t, true);
          if (!before) throw notFound("Patient not found");
          if (before.status === p.status) return;
          await this.repo.update(p.id, { status: p.status }, t);
          const details = { fields: ["status"], status: p.status, before: before.status };
          await audit(ctx, this.db, { action: "update", entity: "patient", entity_id: p.id, details }, t);
          await writeEvent(t, {
            eventType: "patient.updated",
            producer: "patient",
            payload: { patient_id: p.id, fields: ["status"] },
          });
        });
        return { id: p.id, status: p.status };
      },
    },

    /** An e-mail or call reached the patient: letzter_kontakt moves forward (never back). */
    touchLastContact: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(TouchLastContactParams, ctx.params);
        const date = p.date ?? this.today();
        const updated = await this.db.transaction((t: Transaction) => this.touch(ctx, p.id, date, t));
        return { ok: true, updated };
      },
    },

    /** Consumer of `email.sent` (outbox, at least once): idempotent per event. */
    onEmailSent: {
      subscribe: "email.sent",
      async handler(this: any, ctx: Ctx<EventEnvelope<{ patient_id?: number; sent_at?: string }>>) {
        const env = ctx.params;
        const pid = env.payload?.patient_id;
        if (!pid) return { ok: true };
        const sentAt = env.payload.sent_at ? new Date(env.payload.sent_at) : new Date();
        const date = dateInZone(
          Number.isNaN(sentAt.getTime()) ? new Date() : sentAt,
          this.config.core.timezone,
        );
        const updated = await this.db.transaction(async (t: Transaction) => {
          if (await alreadyProcessed(t, "patient.onEmailSent", env.eventId)) return false;
          return this.touch(ctx, pid, date, t);
        });
        return { ok: true, updated };
      },
    },
  },

  methods: {
    matchingRows(this: any, ids: number[]): Promise<Row[]> {
      if (!ids.length) return Promise.resolve([]);
      return this.db.query(
        `SELECT ${MATCHING_COLUMNS.join(", ")} FROM patient_service.patienten WHERE id = ANY(:ids::int[]) ORDER BY id`,
        { replacements: { ids: `{${ids.join(",")}}` }, type: QueryTypes.SELECT },
      );
    },

    async touch(this: any, ctx: Ctx, id: number, date: string, t: Transaction): Promise<boolean> {
      // A patient deleted meanwhile is not an error: the e-mail still went out.
      if (!(await this.repo.touchLastContact(id, date, t))) return false;
      const details = { fields: ["letzter_kontakt"], date, automatic: true };
      await audit(ctx, this.db, { action: "update", entity: "patient", entity_id: id, details }, t);
      return true;
    },
  },
};

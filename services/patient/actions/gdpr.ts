import type { Context, ServiceSchema } from "moleculer";
import type { Transaction } from "sequelize";
import { audit } from "../../../mixins/audit";
import { AppError, isAppError, isUnreachable, unavailable } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { isRegistrationOf } from "../domain/erasure";
import { PatientError } from "../errors";
import { tokenHash } from "./registration-import";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
// Services that hold data about a patient and answer `<service>.exportPatient` / `<service>.erasePatient`.
const HOLDERS = ["matching", "communication"] as const;

/** GDPR (decisions.md 24): export of everything stored about one patient, and erasure cascading first. */
export const GdprActions: Partial<ServiceSchema> = {
  actions: {
    export: {
      rest: "GET /patients/:id/export",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const held: Row = {};
        // An export missing what another service holds would be wrong, not partial: all or 503.
        for (const svc of HOLDERS) held[svc] = await this.askHolder(ctx, svc, "export", row.id);
        const registrierung = await this.imports.runsOf(row.id);
        await audit(ctx, this.db, { action: "export", entity: "patient", entity_id: row.id });
        return {
          exported_at: new Date().toISOString(),
          patient: this.present(row),
          registrierung_import: registrierung,
          ...held,
        };
      },
    },

    erasure: {
      rest: "POST /patients/:id/erasure",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const r = await this.eraseEverywhere(ctx, row, "erase");
        return { message: "Patient data erased", patient_id: row.id, ...r };
      },
    },
  },

  methods: {
    /**
     * The one erasure cascade (decisions.md 24, 27), used by the admin's erasure and by staff deletion
     * (`auditAction` "delete", which the holders refuse while a search is active).
     */
    async eraseEverywhere(this: any, ctx: Ctx, row: Row, auditAction: "erase" | "delete") {
      // Refuse before touching anything when a holder is known to be down; a failure half-way leaves the
      // patient in place, and repeating the erasure completes it (the holders' erasures are idempotent).
      for (const svc of [...HOLDERS, "geocoding"]) {
        // The delete message is the earlier system's ("Matching service unavailable").
        const name = auditAction === "delete" ? svc[0].toUpperCase() + svc.slice(1) : svc;
        if (!this.broker.registry.hasService(svc))
          throw unavailable(`Cannot ${auditAction} patient: ${name} service unavailable`);
      }
      const cascaded: Row = {};
      const refuseActive = auditAction === "delete";
      for (const svc of HOLDERS)
        cascaded[svc] = await this.askHolder(ctx, svc, "erase", row.id, { refuse_active: refuseActive });
      cascaded.geocoding = await this.forgetLocation(ctx, row);
      const kept = (await this.imports.storedFilesOf(row.id)).map((f: Row) => f.stored_as as string);
      // A failed file of the same person (e.g. a first attempt with a typo) is not linked to the patient.
      const who = { email: row.email, tokenHash: row.registration_token_hash };
      const failed: string[] = this.inbox.failedWhere((c: string) => isRegistrationOf(c, who, tokenHash));
      const files = [...new Set([...kept, ...failed])];
      await this.db.transaction(async (t: Transaction) => {
        await this.imports.anonymiseRunsOf(row.id, t);
        await this.imports.countErasure(this.today(), row.status, row.startdatum !== null, t);
        await this.repo.remove(row.id, t);
        const details = { erased: true, cascaded: Object.keys(cascaded), registration_files: files.length };
        await audit(ctx, this.db, { action: auditAction, entity: "patient", entity_id: row.id, details }, t);
        await writeEvent(t, {
          eventType: "patient.deleted",
          producer: "patient",
          payload: { patient_id: row.id, erased: true },
        });
      });
      // Kept registration files hold the same data in clear.
      let filesDeleted = 0;
      for (const f of files) if (this.inbox.remove(f)) filesDeleted++;
      return { cascaded, registration_files_deleted: filesDeleted };
    },

    /** The patient's address and street-level position out of the geocoding caches. */
    async forgetLocation(this: any, ctx: Ctx, row: Row) {
      const a = this.repo.toApi(row, new Set(["strasse"]));
      const points =
        row.geo_source === "nominatim" ? [{ latitude: row.latitude, longitude: row.longitude }] : [];
      try {
        return await ctx.call("geocoding.forgetAddresses", {
          addresses: [{ strasse: a.strasse, plz: a.plz, ort: a.ort }],
          points,
        });
      } catch (e) {
        if (isUnreachable(e)) throw unavailable("Cannot erase patient: geocoding service unavailable");
        throw e;
      }
    },

    /** `<svc>.exportPatient` / `<svc>.erasePatient`; unreachable is a 503, any other failure a 500. */
    async askHolder(
      this: any,
      ctx: Ctx,
      svc: string,
      verb: "export" | "erase",
      patientId: number,
      extra: Row = {},
    ) {
      try {
        return await ctx.call(`${svc}.${verb}Patient`, { patient_id: patientId, ...extra });
      } catch (e) {
        // A holder's refusal (e.g. an active search) is the answer to the client, unchanged.
        if (isAppError(e) && (e as AppError).code < 500) throw e;
        if (isUnreachable(e)) throw unavailable(`Cannot ${verb} patient: ${svc} service unavailable`);
        this.logger.error(`${verb} of patient ${patientId} failed in ${svc}: ${(e as Error).message}`);
        throw new AppError(
          500,
          PatientError.GDPR_CASCADE_FAILED,
          `Cannot ${verb} patient: ${svc} service error`,
        );
      }
    },
  },
};

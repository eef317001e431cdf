import * as crypto from "node:crypto";
import type { Context, ServiceSchema } from "moleculer";
import type { Transaction } from "sequelize";
import { audit } from "../../../mixins/audit";
import { notFound } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { parseId } from "../../../mixins/params";
import { dateInZone } from "../../shared/dates";
import { centroidCoordinates, type Coordinates } from "../domain/location";
import { applyPaymentRules, newZahlungsreferenz } from "../domain/payment";
import { prequalification } from "../domain/prequalification";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const GEOCODING_TIMEOUT_MS = 3000;

/** What every patient action needs: loading, the API shape, and the one way a patient is created. */
export const BaseMethods: Partial<ServiceSchema> = {
  methods: {
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

    /** A row in API shape with the pre-qualification figures (decisions.md 12) as of today. */
    present(this: any, row: Row, today: string = this.today()): Row {
      const api = this.repo.toApi(row);
      api.vorqualifikation = prequalification(api as any, today, {
        minWeeklyHours: this.config.matching.minWeeklyHours,
      });
      return api;
    },

    /** The PLZ centroid to store with an address; geocoding being down never fails the write. */
    async centroidFor(this: any, plz: string | null | undefined): Promise<Coordinates> {
      if (!plz) return centroidCoordinates(null, null);
      try {
        const c = await this.broker.call("geocoding.plzCentroid", { plz }, { timeout: GEOCODING_TIMEOUT_MS });
        return centroidCoordinates(plz, c ?? null);
      } catch (e) {
        this.logger.warn(`PLZ centroid for a patient not available now: ${(e as Error).message}`);
        return centroidCoordinates(plz, "unreachable");
      }
    },

    /**
     * Creates a patient with coordinates, payment rules, audit entry and `patient.created` in one transaction.
     * With `tokenHash` (registration import) a second call for the same registration returns the first patient.
     */
    async createPatient(
      this: any,
      ctx: Ctx | null,
      input: Row,
      opts: { tokenHash?: string; via?: string } = {},
    ): Promise<{ row: Row; created: boolean }> {
      const coords = await this.centroidFor(input.plz);
      const fields: Row = {
        status: "offen",
        vertraege_unterschrieben: false,
        zahlung_eingegangen: false,
        ...input,
        startdatum: null,
        letzter_kontakt: null,
        ...coords,
        ...(opts.tokenHash ? { registration_token_hash: opts.tokenHash } : {}),
      };
      Object.assign(fields, applyPaymentRules(null, fields as any, this.today()));
      const result = await this.db.transaction(async (t: Transaction) => {
        fields.zahlungsreferenz ??= await this.freeZahlungsreferenz(t);
        const row = await this.repo.insert(fields, t);
        if (!row) return { row: await this.repo.byTokenHash(opts.tokenHash, t), created: false };
        await audit(
          ctx,
          this.db,
          {
            action: "create",
            entity: "patient",
            entity_id: row.id,
            details: opts.via ? { via: opts.via } : {},
          },
          t,
        );
        await writeEvent(t, {
          eventType: "patient.created",
          producer: "patient",
          payload: { patient_id: row.id },
        });
        return { row, created: true };
      });
      if (result.created) this.refineLater(result.row);
      return result;
    },

    /** A random reference no other patient has (staff-created patients; imports use their token's). */
    async freeZahlungsreferenz(this: any, t: Transaction): Promise<string> {
      for (;;) {
        const ref = newZahlungsreferenz(crypto.randomBytes);
        if (!(await this.repo.zahlungsreferenzTaken(ref, t))) return ref;
      }
    },
  },
};

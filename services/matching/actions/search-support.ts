import type { Context, ServiceSchema } from "moleculer";
import { notFound } from "../../../mixins/errors";
import { parseId } from "../../../mixins/params";
import { excludedIds } from "../domain/exclusions";
import { appendNote } from "../domain/notes";
import { clock, type Row } from "./context";
import { openNote, sealNote } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Loading searches and the other services' records, and what follows a confirmed placement. */
export const SearchSupport: Partial<ServiceSchema> = {
  methods: {
    async loadSearch(this: any, raw: unknown): Promise<Row> {
      const id = parseId(raw);
      const s = id ? await this.repo.search(id) : null;
      if (!s) throw notFound(`Patient search ${raw} not found`);
      return s;
    },
    async patientsById(this: any, ctx: Ctx, ids: number[], profile?: "matching"): Promise<Map<number, Row>> {
      const unique = [...new Set(ids)];
      if (!unique.length) return new Map();
      const rows = await ctx.call<Row[], any>("patient.getMany", {
        ids: unique,
        ...(profile ? { profile } : {}),
      });
      return new Map(rows.map((r) => [r.id, r]));
    },
    async therapistsById(this: any, ctx: Ctx, ids: number[]): Promise<Map<number, Row>> {
      const unique = [...new Set(ids)];
      if (!unique.length) return new Map();
      const rows = await ctx.call<Row[], any>("therapist.getMany", { ids: unique });
      return new Map(rows.map((r) => [r.id, r]));
    },
    /** Success (domain.md 3.10): patient in therapy, success e-mail; failures are noted, never block. */
    async onPlacementConfirmed(this: any, ctx: Ctx, s: Row, p: Row) {
      const notes: string[] = [];
      try {
        const r = await ctx.call<Row, any>("communication.sendSuccessEmail", {
          platzsuche_id: s.id,
          patient_id: s.patient_id,
          therapist_id: s.vermittelter_therapeut_id,
          email_template_type: p.email_template_type ?? "email_contact",
          meeting_details: p.meeting_details ?? null,
        });
        notes.push(`Erfolgs-E-Mail erstellt (E-Mail ${r.email_id})`);
      } catch (e) {
        notes.push(`Erfolgs-E-Mail nicht möglich: ${(e as Error).message}`);
      }
      try {
        await ctx.call("patient.setStatus", { id: s.patient_id, status: "in_Therapie" });
      } catch (e) {
        notes.push(`Patientenstatus nicht gesetzt: ${(e as Error).message}`);
      }
      const c = clock(this.config);
      await this.db.transaction(async (t: any) => {
        const cur = await this.repo.search(s.id, t, true);
        let text = openNote(this.config, cur.notizen);
        for (const n of notes) text = appendNote(text, n, "System", c);
        await this.repo.exec(
          `UPDATE ${S}.platzsuche SET notizen = :text WHERE id = :id`,
          { id: s.id, text: sealNote(this.config, text) },
          t,
        );
      });
    },
    excludedIdsOf: (s: Row) => excludedIds(s.ausgeschlossene_therapeuten),
  },
};

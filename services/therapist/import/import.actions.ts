import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { audit } from "../../../mixins/audit";
import { badRequest } from "../../../mixins/errors";
import { dateInZone } from "../../shared/dates";
import { changesFor, findExisting } from "./identity";
import { from116117, fromSnapshot, type MapResult } from "./mapping";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const T = "therapist_service.therapeuten";
const JSON_COLS = new Set(["telefonische_erreichbarkeit", "fremdsprachen"]);

/**
 * Therapist import (domain.md 3.17, decisions.md 18-19) from one scraper snapshot or one raw 116117 result.
 * Per-record failures never stop the file; the report is stored and shown at /therapists/import-status.
 */
export const ImportActions: Partial<ServiceSchema> = {
  actions: {
    importTherapists: {
      rest: "POST /therapists/import",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        let records: Row[];
        let map: (r: Row) => MapResult;
        let source: string;
        if (p.snapshot !== undefined) {
          if (!p.snapshot || !Array.isArray(p.snapshot.therapists))
            throw badRequest("Invalid file structure: missing therapists array");
          records = p.snapshot.therapists;
          map = fromSnapshot;
          source = "snapshot";
        } else if (p.arztsuche !== undefined) {
          if (!p.arztsuche || !Array.isArray(p.arztsuche.arztPraxisDatas))
            throw badRequest("Invalid 116117 result: missing arztPraxisDatas");
          records = p.arztsuche.arztPraxisDatas;
          map = from116117;
          source = "116117";
        } else {
          throw badRequest(
            "Send {plz, snapshot} (one scraper snapshot file) or {arztsuche} (one 116117 search result)",
          );
        }
        if (p.plz !== undefined && !(typeof p.plz === "string" && /^\d{5}$/.test(p.plz)))
          throw badRequest(`Invalid PLZ '${p.plz}'. Must be 5 digits`);
        const report = await this.importRecords(
          ctx,
          records,
          map,
          source,
          p.plz ?? null,
          p.arztsuche?.moreResults === true,
        );
        return report;
      },
    },
    importStatus: {
      rest: "GET /therapists/import-status",
      auth: "staff",
      async handler(this: any) {
        const runs = await this.db.query(
          `SELECT id, source, plz, started_at, finished_at, report FROM therapist_service.import_runs ORDER BY id DESC LIMIT 20`,
          {
            type: QueryTypes.SELECT,
          },
        );
        const today = dateInZone(new Date(), this.config.core.timezone);
        const todays = runs.filter((r: Row) => dateInZone(r.started_at, this.config.core.timezone) === today);
        return {
          last_import_run: runs[0]?.finished_at ?? null,
          files_processed_today: todays.length,
          therapists_processed_today: todays.reduce((n: number, r: Row) => n + (r.report.success ?? 0), 0),
          therapists_failed_today: todays.reduce((n: number, r: Row) => n + (r.report.failed ?? 0), 0),
          recent_imports: runs.map((r: Row) => ({
            id: r.id,
            source: r.source,
            plz: r.plz,
            time: r.finished_at,
            ...r.report,
          })),
        };
      },
    },
  },

  methods: {
    async importRecords(
      this: any,
      ctx: Ctx,
      records: Row[],
      map: (r: Row) => MapResult,
      source: string,
      plz: string | null,
      truncated: boolean,
    ) {
      const today = dateInZone(new Date(), this.config.core.timezone);
      const counts = { total: records.length, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
      const errors: Record<string, { count: number; examples: string[] }> = {};
      const mapped = records.map((r, i) => {
        try {
          return { i, r: map(r ?? {}) };
        } catch (e) {
          return {
            i,
            r: {
              ok: false,
              skip: false,
              error: `Failed to map therapist data: ${(e as Error).message}`,
            } as MapResult,
          };
        }
      });
      const plzs = [...new Set(mapped.flatMap((m) => (m.r.ok ? [m.r.value.plz] : [])))];
      const candidates: Row[] = plzs.length
        ? await this.db.query(`SELECT * FROM ${T} WHERE plz = ANY(:plzs::text[])`, {
            replacements: { plzs: `{${plzs.join(",")}}` },
            type: QueryTypes.SELECT,
          })
        : [];
      const seen = new Set<number>();
      const [run] = await this.db.query(
        `INSERT INTO therapist_service.import_runs (source, plz) VALUES (:source, :plz) RETURNING id`,
        {
          replacements: { source, plz },
          type: QueryTypes.SELECT,
        },
      );
      await this.db.transaction(async (t: any) => {
        for (const { i, r } of mapped) {
          if (!r.ok) {
            if (r.skip) counts.skipped++;
            else {
              counts.failed++;
              const e = (errors[r.error] ??= { count: 0, examples: [] });
              e.count++;
              if (e.examples.length < 3) e.examples.push(`record ${i + 1}`);
            }
            continue;
          }
          const v = r.value;
          const existing = findExisting(v, candidates);
          if (existing) {
            seen.add(existing.id);
            const changes = changesFor(existing, v);
            if (existing.fehlt_in_quelle_seit) changes.fehlt_in_quelle_seit = null;
            if (!Object.keys(changes).length) {
              counts.unchanged++;
              continue;
            }
            const cols = Object.keys(changes);
            const repl: Row = { id: existing.id };
            for (const c of cols) repl[c] = JSON_COLS.has(c) ? JSON.stringify(changes[c]) : changes[c];
            await this.db.query(
              `UPDATE ${T} SET ${cols.map((c) => `${c} = :${c}`).join(", ")}, updated_at = now() WHERE id = :id`,
              { replacements: repl, transaction: t },
            );
            await this.db.query(
              `INSERT INTO therapist_service.therapeut_aenderungen (therapist_id, import_run_id, changes) VALUES (:id, :run, :changes)`,
              {
                replacements: { id: existing.id, run: run.id, changes: JSON.stringify(changes) },
                transaction: t,
              },
            );
            Object.assign(existing, changes);
            counts.updated++;
          } else {
            const row: Row = {
              ...v,
              telefonische_erreichbarkeit: JSON.stringify(v.telefonische_erreichbarkeit),
              fremdsprachen: JSON.stringify(v.fremdsprachen),
            };
            const cols = Object.keys(row);
            const [created] = await this.db.query(
              `INSERT INTO ${T} (${cols.join(", ")}) VALUES (${cols.map((c) => `:${c}`).join(", ")}) RETURNING *`,
              {
                replacements: row,
                type: QueryTypes.SELECT,
                transaction: t,
              },
            );
            candidates.push(created);
            seen.add(created.id);
            counts.created++;
          }
        }
        // A complete snapshot of one PLZ: therapists of that PLZ it no longer lists are flagged, never deleted.
        if (plz && source === "snapshot" && !truncated) {
          await this.db.query(
            `UPDATE ${T} SET fehlt_in_quelle_seit = :today WHERE plz = :plz AND fehlt_in_quelle_seit IS NULL AND NOT (id = ANY(:seen::int[]))`,
            { replacements: { today, plz, seen: `{${[...seen].join(",")}}` }, transaction: t },
          );
        }
      });
      const processed = counts.total - counts.skipped;
      const report = {
        ...counts,
        success: counts.created + counts.updated + counts.unchanged,
        success_rate: processed ? Math.round(((processed - counts.failed) / processed) * 1000) / 10 : 100,
        truncated,
        errors: Object.entries(errors).map(([type, e]) => ({ type, ...e })),
      };
      await this.db.query(
        `UPDATE therapist_service.import_runs SET finished_at = now(), report = :report WHERE id = :id`,
        {
          replacements: { id: run.id, report: JSON.stringify(report) },
        },
      );
      await audit(ctx, this.db, {
        action: "import",
        entity: "therapist",
        details: { run: run.id, ...counts },
      });
      if (counts.failed > 0 && this.broker.registry.hasService("communication")) {
        await ctx
          .call("communication.systemMessage", {
            subject: `Therapist Import - ${counts.failed} Failures`,
            message: `Import ${run.id} (${source}${plz ? ` ${plz}` : ""}): ${report.success} ok, ${counts.failed} failed, success rate ${report.success_rate.toFixed(1)} %.\n${report.errors.map((e) => `${e.type}: ${e.count} (${e.examples.join(", ")})`).join("\n")}`,
            sender_name: "Therapist Import System",
          })
          .catch((e: Error) => this.logger.warn("import failure mail not sent", e.message));
      }
      return { message: "Import finished", import_id: run.id, ...report };
    },
  },
};

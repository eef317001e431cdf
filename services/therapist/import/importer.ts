import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import { changesFor, IdentityIndex, IMPORTED_FIELDS } from "./identity";
import type { ImportInput } from "./input";
import type { ImportedTherapist } from "./mapping";

type Row = Record<string, any>;
const T = "therapist_service.therapeuten";
const CHUNK = 1000;
const JSON_COLS = new Set(["telefonische_erreichbarkeit", "fremdsprachen"]);
const PG_TYPES: Record<string, string> = {
  telefonische_erreichbarkeit: "jsonb",
  fremdsprachen: "jsonb",
  latitude: "float8",
  longitude: "float8",
  fehlt_in_quelle_seit: "date",
};
const COLUMNS = [...IMPORTED_FIELDS, "quelle_id"] as const;

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface ImportReport extends ImportCounts {
  success: number;
  success_rate: number;
  truncated: boolean;
  errors: { type: string; count: number; examples: string[] }[];
}

/** Limits of the table (varchar columns): a record beyond them is a failure of that record, not of the file. */
function invalid(v: ImportedTherapist): string | null {
  if (!/^\d{5}$/.test(v.plz)) return "Failed to map therapist data: postal_code must be 5 digits";
  if (v.vorname.length > 100 || v.nachname.length > 100) return "Failed to map therapist data: name too long";
  return null;
}

const recordset = (cols: readonly string[]) => cols.map((c) => `${c} ${PG_TYPES[c] ?? "text"}`).join(", ");

/**
 * Writes one import (domain.md 3.17): finds each record's stored therapist (candidates loaded once, by PLZ),
 * inserts new ones and updates only real changes, all in batches inside one transaction, so a national
 * snapshot costs a handful of statements instead of one per therapist.
 */
export class TherapistImporter {
  constructor(private readonly db: Sequelize) {}

  async run(input: ImportInput, runId: number, today: string): Promise<ImportReport> {
    const counts: ImportCounts = {
      total: input.records.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    };
    const errors = new Map<string, { count: number; examples: string[] }>();
    const failure = (i: number, error: string) => {
      counts.failed++;
      const e = errors.get(error) ?? errors.set(error, { count: 0, examples: [] }).get(error)!;
      e.count++;
      if (e.examples.length < 3) e.examples.push(`record ${i + 1}`);
    };
    const valid: { i: number; v: ImportedTherapist }[] = [];
    input.records.forEach((raw, i) => {
      let r;
      try {
        r = input.map(raw ?? {});
      } catch (e) {
        return failure(i, `Failed to map therapist data: ${(e as Error).message}`);
      }
      if (!r.ok) return r.skip ? counts.skipped++ : failure(i, r.error);
      const problem = invalid(r.value);
      if (problem) return failure(i, problem);
      valid.push({ i, v: r.value });
    });

    const index = new IdentityIndex(await this.candidates([...new Set(valid.map((x) => x.v.plz))]));
    const inserts: Row[] = [];
    const updates = new Map<number, Row>();
    const history: Row[] = [];
    const seen = new Set<number>();
    for (const { v } of valid) {
      const existing = index.find(v);
      if (!existing) {
        const row: Row = { ...v };
        index.add(row);
        inserts.push(row);
        counts.created++;
        continue;
      }
      const changes = changesFor(existing, v);
      if (existing.fehlt_in_quelle_seit) changes.fehlt_in_quelle_seit = null;
      if (existing.id !== undefined) seen.add(existing.id);
      if (!Object.keys(changes).length) {
        counts.unchanged++;
        continue;
      }
      Object.assign(existing, changes);
      // A record listed twice in one file changes the row still to be inserted, not a stored one.
      if (existing.id === undefined) {
        counts.unchanged++;
        continue;
      }
      updates.set(existing.id, existing);
      history.push({ therapist_id: existing.id, changes });
      counts.updated++;
    }

    await this.db.transaction(async (t) => {
      await this.insert(inserts, t);
      await this.update([...updates.values()], t);
      await this.recordHistory(history, runId, t);
      // A complete snapshot of one PLZ: therapists of that PLZ it no longer lists are flagged, never deleted.
      if (input.plz && input.source === "snapshot" && !input.truncated) {
        for (const r of inserts) seen.add(r.id);
        await this.db.query(
          `UPDATE ${T} SET fehlt_in_quelle_seit = :today WHERE plz = :plz AND fehlt_in_quelle_seit IS NULL AND NOT (id = ANY(:seen::int[]))`,
          { replacements: { today, plz: input.plz, seen: `{${[...seen].join(",")}}` }, transaction: t },
        );
      }
    });
    const processed = counts.total - counts.skipped;
    return {
      ...counts,
      success: counts.created + counts.updated + counts.unchanged,
      success_rate: processed ? Math.round(((processed - counts.failed) / processed) * 1000) / 10 : 100,
      truncated: input.truncated,
      errors: [...errors].map(([type, e]) => ({ type, ...e })),
    };
  }

  /** Stored therapists of the given PLZs (one query). */
  private async candidates(plzs: string[]): Promise<Row[]> {
    if (!plzs.length) return [];
    return this.db.query<Row>(
      `SELECT id, ${[...IMPORTED_FIELDS, "fehlt_in_quelle_seit"].join(", ")} FROM ${T} WHERE plz = ANY(:plzs::text[])`,
      { replacements: { plzs: `{${plzs.join(",")}}` }, type: QueryTypes.SELECT },
    );
  }

  private payload(rows: Row[], cols: readonly string[]): string {
    return JSON.stringify(
      rows.map((r) => Object.fromEntries(cols.map((c) => [c, JSON_COLS.has(c) ? r[c] : (r[c] ?? null)]))),
    );
  }

  /** New therapists with ids taken from the sequence first, so each in-memory row knows its id. */
  private async insert(rows: Row[], t: Transaction): Promise<void> {
    if (!rows.length) return;
    const ids = await this.db.query<{ id: number }>(
      `SELECT nextval('${T}_id_seq')::int AS id FROM generate_series(1, :n)`,
      { replacements: { n: rows.length }, type: QueryTypes.SELECT, transaction: t },
    );
    rows.forEach((r, k) => (r.id = ids[k].id));
    const cols = ["id", ...COLUMNS];
    for (let k = 0; k < rows.length; k += CHUNK) {
      await this.db.query(
        `INSERT INTO ${T} (${cols.join(", ")})
         SELECT ${cols.join(", ")} FROM jsonb_to_recordset(:rows::jsonb) AS x(id int, ${recordset(COLUMNS)})`,
        { replacements: { rows: this.payload(rows.slice(k, k + CHUNK), cols) }, transaction: t },
      );
    }
  }

  /** Changed therapists: every imported field is written from the merged row (only changed rows get here). */
  private async update(rows: Row[], t: Transaction): Promise<void> {
    const cols = [...IMPORTED_FIELDS, "fehlt_in_quelle_seit"];
    for (let k = 0; k < rows.length; k += CHUNK) {
      await this.db.query(
        `UPDATE ${T} AS t SET ${cols.map((c) => `${c} = x.${c}`).join(", ")}, updated_at = now()
           FROM jsonb_to_recordset(:rows::jsonb) AS x(id int, ${recordset(cols)})
          WHERE t.id = x.id`,
        { replacements: { rows: this.payload(rows.slice(k, k + CHUNK), ["id", ...cols]) }, transaction: t },
      );
    }
  }

  private async recordHistory(rows: Row[], runId: number, t: Transaction): Promise<void> {
    for (let k = 0; k < rows.length; k += CHUNK) {
      await this.db.query(
        `INSERT INTO therapist_service.therapeut_aenderungen (therapist_id, import_run_id, changes)
         SELECT therapist_id, :runId, changes FROM jsonb_to_recordset(:rows::jsonb) AS x(therapist_id int, changes jsonb)`,
        { replacements: { runId, rows: JSON.stringify(rows.slice(k, k + CHUNK)) }, transaction: t },
      );
    }
  }
}

import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { AppConfig } from "../../../config";
import { decryptField, encryptField } from "../../../mixins/crypto";
import { ENCRYPTED_FIELDS } from "../domain/fields";
import type { Coordinates } from "../domain/location";

type Row = Record<string, any>;
const T = "patient_service.patienten";

/** Sort keys of `GET /patients?sort=` (a leading `-` is descending); id breaks ties so pages never overlap. */
export const PATIENT_SORTS = [
  "id",
  "-id",
  "nachname",
  "-nachname",
  "plz",
  "-plz",
  "status",
  "-status",
  "startdatum",
  "-startdatum",
  "created_at",
  "-created_at",
] as const;
export type PatientSort = (typeof PATIENT_SORTS)[number];
const PATIENT_ORDER = Object.fromEntries(
  PATIENT_SORTS.map((s) => {
    const desc = s.startsWith("-");
    const col = s.replace(/^-/, "");
    const dir = desc ? "DESC" : "ASC";
    const by =
      col === "nachname" ? `lower(nachname) ${dir}, lower(vorname) ${dir}` : `${col} ${dir} NULLS LAST`;
    return [s, col === "id" ? `id ${dir}` : `${by}, id ${dir}`];
  }),
) as Record<PatientSort, string>;
const ENCRYPTED: ReadonlySet<string> = new Set(ENCRYPTED_FIELDS);
const JSON_DEFAULTS: Record<string, () => unknown> = {
  zeitliche_verfuegbarkeit: () => ({}),
  raeumliche_verfuegbarkeit: () => ({}),
  ausgeschlossene_therapeuten: () => [],
};
// Bookkeeping columns, not part of the patient record clients see.
const INTERNAL = new Set([
  "registration_token_hash",
  "address_version",
  "geo_pending",
  "registration_email_id",
]);

/** Rows of patient_service.patienten: encrypts/decrypts the protected fields, keeps [] / {} for JSON. */
export class PatientRepository {
  constructor(
    private readonly db: Sequelize,
    private readonly cfg: AppConfig,
  ) {}

  toRow(fields: Row): Row {
    const row: Row = {};
    for (const [k, v] of Object.entries(fields)) {
      if (ENCRYPTED.has(k)) {
        row[k] =
          v === null || v === undefined
            ? null
            : encryptField(this.cfg, k === "symptome" ? JSON.stringify(v) : String(v));
      } else if (k in JSON_DEFAULTS) row[k] = JSON.stringify(v ?? JSON_DEFAULTS[k]());
      else row[k] = v;
    }
    return row;
  }

  /** `only` limits decryption to the encrypted fields a caller needs (the bundle run reads 20,000 patients). */
  toApi(row: Row, only?: ReadonlySet<string>): Row {
    const out: Row = {};
    for (const k in row) {
      if (INTERNAL.has(k)) continue;
      const v = row[k];
      if (ENCRYPTED.has(k)) {
        if (only && !only.has(k)) continue;
        const plain = decryptField(this.cfg, v);
        out[k] = k === "symptome" ? (plain ? JSON.parse(plain) : []) : plain;
      } else if (v instanceof Date) out[k] = v.toISOString();
      else if (k in JSON_DEFAULTS) out[k] = v ?? JSON_DEFAULTS[k]();
      else out[k] = v;
    }
    if (!only || only.has("symptome")) out.symptome ??= [];
    out.standort_unbekannt = row.latitude === null || row.longitude === null;
    return out;
  }

  private q<R extends object = Row>(sql: string, replacements: Row = {}, t?: Transaction): Promise<R[]> {
    return this.db.query<R>(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
  }

  async byId(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    const rows = await this.q(`SELECT * FROM ${T} WHERE id = :id${lock ? " FOR UPDATE" : ""}`, { id }, t);
    return rows[0] ?? null;
  }

  /** One query for any number of ids (the array travels as one parameter). */
  byIds(ids: number[]): Promise<Row[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.q(`SELECT * FROM ${T} WHERE id = ANY(:ids::int[]) ORDER BY id`, {
      ids: `{${ids.join(",")}}`,
    });
  }

  byTokenHash(hash: string, t?: Transaction): Promise<Row | null> {
    return this.q(`SELECT * FROM ${T} WHERE registration_token_hash = :hash`, { hash }, t).then(
      (r) => r[0] ?? null,
    );
  }

  async list(f: { status?: string; search?: string; sort?: PatientSort; limit: number; offset: number }) {
    const where: string[] = [];
    const repl: Row = { limit: f.limit, offset: f.offset };
    if (f.status) {
      where.push("status = :status");
      repl.status = f.status;
    }
    if (f.search) {
      where.push("(vorname ILIKE :q OR nachname ILIKE :q OR email ILIKE :q)");
      // The search text is a substring, not a pattern: % and _ typed by staff match themselves.
      repl.q = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows = await this.q(
      `SELECT * FROM ${T} ${w} ORDER BY ${PATIENT_ORDER[f.sort ?? "-id"]} LIMIT :limit OFFSET :offset`,
      repl,
    );
    const [{ n }] = await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM ${T} ${w}`, repl);
    return { rows, total: n };
  }

  /** First or last name (or "first last") containing the text, as a substring; newest first. */
  async idsByName(search: string, limit: number): Promise<number[]> {
    const rows = await this.q<{ id: number }>(
      `SELECT id FROM ${T} WHERE vorname ILIKE :q OR nachname ILIKE :q OR (vorname || ' ' || nachname) ILIKE :q
        ORDER BY id DESC LIMIT :limit`,
      { q: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit },
    );
    return rows.map((r) => r.id);
  }

  async zahlungsreferenzTaken(ref: string, t: Transaction): Promise<boolean> {
    return (await this.q(`SELECT 1 FROM ${T} WHERE zahlungsreferenz = :ref LIMIT 1`, { ref }, t)).length > 0;
  }

  /** Inserts, or returns null when a patient with the same registration token exists (idempotent import). */
  async insert(fields: Row, t: Transaction): Promise<Row | null> {
    const row = this.toRow(fields);
    const cols = Object.keys(row);
    const [inserted] = await this.q(
      `INSERT INTO ${T} (${cols.join(", ")}) VALUES (${cols.map((c) => `:${c}`).join(", ")})
       ON CONFLICT (registration_token_hash) DO NOTHING RETURNING *`,
      row,
      t,
    );
    return inserted ?? null;
  }

  async update(id: number, fields: Row, t: Transaction, extraSql: string[] = []): Promise<Row> {
    const row = this.toRow(fields);
    const sets = [...Object.keys(row).map((c) => `${c} = :${c}`), ...extraSql, "updated_at = now()"];
    const [updated] = await this.q(
      `UPDATE ${T} SET ${sets.join(", ")} WHERE id = :__id RETURNING *`,
      { ...row, __id: id },
      t,
    );
    return updated;
  }

  /** Stores a background geocoding answer unless the address changed meanwhile. True when stored. */
  async setCoordinatesIf(id: number, addressVersion: number, c: Coordinates): Promise<boolean> {
    const rows = await this.q(
      `UPDATE ${T} SET latitude = :latitude, longitude = :longitude, geo_source = :geo_source, geo_pending = :geo_pending
        WHERE id = :id AND address_version = :v RETURNING id`,
      { ...c, id, v: addressVersion },
    );
    return rows.length > 0;
  }

  pendingGeocoding(limit: number): Promise<Row[]> {
    return this.q(`SELECT * FROM ${T} WHERE geo_pending ORDER BY id LIMIT :limit`, { limit });
  }

  /** Only moves forward: a late event about an older e-mail never sets the date back. */
  async touchLastContact(id: number, date: string, t: Transaction): Promise<boolean> {
    const rows = await this.q(
      `UPDATE ${T} SET letzter_kontakt = GREATEST(COALESCE(letzter_kontakt, :date::date), :date::date), updated_at = now()
        WHERE id = :id RETURNING id`,
      { id, date },
      t,
    );
    return rows.length > 0;
  }

  async setRegistrationEmail(id: number, emailId: number): Promise<void> {
    await this.db.query(`UPDATE ${T} SET registration_email_id = :emailId WHERE id = :id`, {
      replacements: { id, emailId },
    });
  }

  async remove(id: number, t: Transaction): Promise<void> {
    await this.db.query(`DELETE FROM ${T} WHERE id = :id`, { replacements: { id }, transaction: t });
  }
}

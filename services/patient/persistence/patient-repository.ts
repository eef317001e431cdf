import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { AppConfig } from "../../../config";
import { decryptField, encryptField } from "../../../mixins/crypto";
import { ENCRYPTED_FIELDS } from "../domain/fields";

type Row = Record<string, any>;
const JSON_FIELDS = new Set([
  "zeitliche_verfuegbarkeit",
  "raeumliche_verfuegbarkeit",
  "ausgeschlossene_therapeuten",
]);
const INTERNAL = new Set(["registration_token_hash", "geo_source"]);

/** Maps between API records and rows: encrypts/decrypts the protected fields, keeps [] / {} for JSON. */
export class PatientRepository {
  constructor(
    private readonly db: Sequelize,
    private readonly cfg: AppConfig,
  ) {}

  toRow(fields: Row): Row {
    const row: Row = {};
    for (const [k, v] of Object.entries(fields)) {
      if ((ENCRYPTED_FIELDS as readonly string[]).includes(k)) {
        row[k] =
          v === null || v === undefined
            ? null
            : encryptField(this.cfg, k === "symptome" ? JSON.stringify(v) : String(v));
      } else if (JSON_FIELDS.has(k))
        row[k] = JSON.stringify(v ?? (k === "ausgeschlossene_therapeuten" ? [] : {}));
      else row[k] = v;
    }
    return row;
  }

  /** `only` limits decryption to the encrypted fields a caller needs (the bundle run reads 20,000 patients). */
  toApi(row: Row, only?: ReadonlySet<string>): Row {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (INTERNAL.has(k)) continue;
      if ((ENCRYPTED_FIELDS as readonly string[]).includes(k)) {
        if (only && !only.has(k)) continue;
        const plain = decryptField(this.cfg, v);
        out[k] = k === "symptome" ? (plain ? JSON.parse(plain) : []) : plain;
      } else if (v instanceof Date) out[k] = v.toISOString();
      else out[k] = v;
    }
    out.symptome ??= [];
    out.standort_unbekannt = row.latitude === null || row.longitude === null;
    return out;
  }

  async byId(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM patient_service.patienten WHERE id = :id${lock ? " FOR UPDATE" : ""}`,
      { replacements: { id }, type: QueryTypes.SELECT, transaction: t },
    );
    return rows[0] ?? null;
  }

  async byIds(ids: number[]): Promise<Row[]> {
    if (!ids.length) return [];
    return this.db.query<Row>(
      "SELECT * FROM patient_service.patienten WHERE id = ANY(:ids::int[]) ORDER BY id",
      {
        replacements: { ids: `{${ids.join(",")}}` },
        type: QueryTypes.SELECT,
      },
    );
  }

  async list(f: {
    status?: string;
    search?: string;
    limit: number;
    offset: number;
  }): Promise<{ rows: Row[]; total: number }> {
    const where: string[] = [];
    const repl: Row = { limit: f.limit, offset: f.offset };
    if (f.status) {
      where.push("status = :status");
      repl.status = f.status;
    }
    if (f.search) {
      where.push("(vorname ILIKE :q OR nachname ILIKE :q OR email ILIKE :q)");
      repl.q = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows = await this.db.query<Row>(
      `SELECT * FROM patient_service.patienten ${w} ORDER BY id DESC LIMIT :limit OFFSET :offset`,
      { replacements: repl, type: QueryTypes.SELECT },
    );
    const [{ n }] = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM patient_service.patienten ${w}`,
      {
        replacements: repl,
        type: QueryTypes.SELECT,
      },
    );
    return { rows, total: n };
  }

  async insert(fields: Row, t: Transaction): Promise<Row> {
    const row = this.toRow(fields);
    const cols = Object.keys(row);
    const [inserted] = await this.db.query<Row>(
      `INSERT INTO patient_service.patienten (${cols.join(", ")}) VALUES (${cols.map((c) => `:${c}`).join(", ")}) RETURNING *`,
      { replacements: row, type: QueryTypes.SELECT, transaction: t },
    );
    return inserted;
  }

  async update(id: number, fields: Row, t: Transaction): Promise<Row> {
    const row = this.toRow(fields);
    const sets = Object.keys(row).map((c) => `${c} = :${c}`);
    const [updated] = await this.db.query<Row>(
      `UPDATE patient_service.patienten SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :__id RETURNING *`,
      { replacements: { ...row, __id: id }, type: QueryTypes.SELECT, transaction: t },
    );
    return updated;
  }

  async setCoordinates(
    id: number,
    c: { latitude: number | null; longitude: number | null; geo_source: string | null },
  ) {
    await this.db.query(
      "UPDATE patient_service.patienten SET latitude = :latitude, longitude = :longitude, geo_source = :geo_source WHERE id = :id",
      { replacements: { ...c, id } },
    );
  }

  async remove(id: number, t: Transaction): Promise<void> {
    await this.db.query("DELETE FROM patient_service.patienten WHERE id = :id", {
      replacements: { id },
      transaction: t,
    });
  }
}

import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import { JSON_FIELDS } from "../domain/fields";

type Row = Record<string, any>;
const INTERNAL = new Set(["geo_source", "quelle_id"]);
/** Columns a caller may ask for by name (never interpolated unless listed here). */
const COLUMNS = new Set([
  "id",
  "anrede",
  "geschlecht",
  "titel",
  "vorname",
  "nachname",
  "strasse",
  "plz",
  "ort",
  "telefon",
  "fax",
  "email",
  "webseite",
  "kassensitz",
  "telefonische_erreichbarkeit",
  "fremdsprachen",
  "psychotherapieverfahren",
  "zusatzqualifikationen",
  "besondere_leistungsangebote",
  "letzter_kontakt_email",
  "letzter_kontakt_telefon",
  "letztes_persoenliches_gespraech",
  "potenziell_verfuegbar",
  "potenziell_verfuegbar_notizen",
  "ueber_curavani_informiert",
  "naechster_kontakt_moeglich",
  "bevorzugte_diagnosen",
  "alter_min",
  "alter_max",
  "geschlechtspraeferenz",
  "arbeitszeiten",
  "bevorzugt_gruppentherapie",
  "status",
  "sperrgrund",
  "sperrdatum",
  "latitude",
  "longitude",
  "fehlt_in_quelle_seit",
  "created_at",
  "updated_at",
]);

/** Sort keys of `GET /therapists?sort=` (a leading `-` is descending); id breaks ties so pages never overlap. */
export const THERAPIST_SORTS = [
  "nachname",
  "-nachname",
  "plz",
  "-plz",
  "status",
  "-status",
  "naechster_kontakt_moeglich",
  "-naechster_kontakt_moeglich",
  "updated_at",
  "-updated_at",
  "id",
  "-id",
] as const;
export type TherapistSort = (typeof THERAPIST_SORTS)[number];
const THERAPIST_ORDER = Object.fromEntries(
  THERAPIST_SORTS.map((s) => {
    const dir = s.startsWith("-") ? "DESC" : "ASC";
    const col = s.replace(/^-/, "");
    const by =
      col === "nachname"
        ? `lower(nachname) ${dir}, lower(vorname) ${dir}`
        : col === "id"
          ? null
          : `${col} ${dir} NULLS LAST`;
    return [s, by ? `${by}, id ${dir}` : `id ${dir}`];
  }),
) as Record<TherapistSort, string>;

export class TherapistRepository {
  constructor(private readonly db: Sequelize) {}

  /** `withLocationFlag = false` for partial rows, which may not carry the coordinates the flag is made of. */
  toApi(row: Row, withLocationFlag = true): Row {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (INTERNAL.has(k)) continue;
      out[k] = v instanceof Date ? v.toISOString() : v;
    }
    if (withLocationFlag) out.standort_unbekannt = row.latitude === null || row.longitude === null;
    return out;
  }

  private toRow(fields: Row): Row {
    const row: Row = {};
    for (const [k, v] of Object.entries(fields))
      row[k] = JSON_FIELDS.includes(k) ? JSON.stringify(v ?? null) : v;
    return row;
  }

  async byId(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM therapist_service.therapeuten WHERE id = :id${lock ? " FOR UPDATE" : ""}`,
      { replacements: { id }, type: QueryTypes.SELECT, transaction: t },
    );
    return rows[0] ?? null;
  }

  byIds(ids: number[]): Promise<Row[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.query<Row>(
      "SELECT * FROM therapist_service.therapeuten WHERE id = ANY(:ids::int[]) ORDER BY id",
      {
        replacements: { ids: `{${ids.join(",")}}` },
        type: QueryTypes.SELECT,
      },
    );
  }

  /** Every active therapist (optionally by PLZ prefix) for matching: one query, also at national scale. */
  /** Active therapists (optionally under a PLZ prefix); `columns` limits what is read and sent to the caller. */
  forMatching(plzPrefix?: string, columns?: readonly string[]): Promise<Row[]> {
    const cols = columns?.length ? columns.filter((c) => COLUMNS.has(c)).join(", ") : "*";
    return this.db.query<Row>(
      `SELECT ${cols} FROM therapist_service.therapeuten WHERE status = 'aktiv'${plzPrefix ? " AND plz LIKE :prefix" : ""} ORDER BY id`,
      { replacements: { prefix: `${plzPrefix ?? ""}%` }, type: QueryTypes.SELECT },
    );
  }

  async list(f: {
    status?: string;
    potenziell_verfuegbar?: boolean | null;
    search?: string;
    plz_prefix?: string;
    sort?: TherapistSort;
    limit: number;
    offset: number;
  }) {
    const where: string[] = [];
    const repl: Row = { limit: f.limit, offset: f.offset };
    if (f.status) {
      where.push("status = :status");
      repl.status = f.status;
    }
    if (f.potenziell_verfuegbar !== null && f.potenziell_verfuegbar !== undefined) {
      where.push("potenziell_verfuegbar = :pv");
      repl.pv = f.potenziell_verfuegbar;
    }
    if (f.plz_prefix) {
      where.push("plz LIKE :prefix");
      repl.prefix = `${f.plz_prefix.replace(/[\\%_]/g, "")}%`;
    }
    if (f.search) {
      where.push("(vorname ILIKE :q OR nachname ILIKE :q OR psychotherapieverfahren ILIKE :q)");
      repl.q = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows = await this.db.query<Row>(
      `SELECT * FROM therapist_service.therapeuten ${w} ORDER BY ${THERAPIST_ORDER[f.sort ?? "nachname"]} LIMIT :limit OFFSET :offset`,
      { replacements: repl, type: QueryTypes.SELECT },
    );
    const [{ n }] = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM therapist_service.therapeuten ${w}`,
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
    const [r] = await this.db.query<Row>(
      `INSERT INTO therapist_service.therapeuten (${cols.join(", ")}) VALUES (${cols.map((c) => `:${c}`).join(", ")}) RETURNING *`,
      { replacements: row, type: QueryTypes.SELECT, transaction: t },
    );
    return r;
  }

  async update(id: number, fields: Row, t?: Transaction): Promise<Row> {
    const row = this.toRow(fields);
    const sets = Object.keys(row).map((c) => `${c} = :${c}`);
    const [r] = await this.db.query<Row>(
      `UPDATE therapist_service.therapeuten SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :__id RETURNING *`,
      { replacements: { ...row, __id: id }, type: QueryTypes.SELECT, transaction: t },
    );
    return r;
  }

  async remove(id: number, t: Transaction): Promise<void> {
    await this.db.query("DELETE FROM therapist_service.therapeuten WHERE id = :id", {
      replacements: { id },
      transaction: t,
    });
  }

  /** Cooling only ever extends: a later response never shortens an earlier pause. */
  async extendCooling(id: number, until: string): Promise<void> {
    await this.db.query(
      `UPDATE therapist_service.therapeuten
          SET naechster_kontakt_moeglich = GREATEST(COALESCE(naechster_kontakt_moeglich, :until::date), :until::date),
              updated_at = now()
        WHERE id = :id`,
      { replacements: { id, until } },
    );
  }
}

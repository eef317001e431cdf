import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { AppConfig } from "../../../config";
import { decryptField, encryptField } from "../../../mixins/crypto";
import type { Booking } from "../domain/slots";

type Row = Record<string, any>;
const C = "communication_service.telefonanrufe";
// Staff's call notes and outcomes may describe a patient: encrypted at rest (decisions.md 22).
const ENCRYPTED = ["ergebnis", "notizen"] as const;

/** Why a call exists: one inquiry call and one follow-up call per inquiry at most (unique index). */
export type CallPurpose = "manuell" | "anfrage" | "follow_up";

export interface CallInsert {
  therapist_id: number | null;
  patient_id: number | null;
  therapeutenanfrage_id: number | null;
  geplantes_datum: string;
  geplante_zeit: string;
  dauer_minuten: number;
  status: string;
  notizen: string | null;
  zweck: CallPurpose;
}

export interface CallFilters {
  therapist_id?: number;
  patient_id?: number;
  therapeutenanfrage_id?: number;
  recipient_type?: "therapist" | "patient";
  status?: string;
  geplantes_datum?: string;
  /** Due on or before this date (the staff app's work list: today and overdue). */
  faellig_bis?: string;
  /** "termin": earliest first (work list); default newest first. */
  sort?: "termin" | "-termin";
}

/** SQL of the telefonanrufe table. */
export class CallRepository {
  constructor(
    private readonly db: Sequelize,
    private readonly cfg: AppConfig,
  ) {}

  q(sql: string, replacements: Row = {}, t?: Transaction | null): Promise<Row[]> {
    return this.db.query(sql, { replacements, type: QueryTypes.SELECT, transaction: t ?? undefined });
  }

  decrypt(row: Row): Row {
    const out = { ...row };
    for (const f of ENCRYPTED) out[f] = decryptField(this.cfg, out[f]);
    return out;
  }

  async insert(t: Transaction | null, f: CallInsert): Promise<Row> {
    const [row] = await this.q(
      `INSERT INTO ${C} (therapist_id, patient_id, therapeutenanfrage_id, geplantes_datum, geplante_zeit, dauer_minuten,
                         status, notizen, zweck)
       VALUES (:therapist_id, :patient_id, :therapeutenanfrage_id, :geplantes_datum, :geplante_zeit, :dauer_minuten,
               :status, :notizen, :zweck) RETURNING *`,
      { ...f, notizen: encryptField(this.cfg, f.notizen) },
      t,
    );
    return this.decrypt(row);
  }

  async byId(id: number): Promise<Row | null> {
    const [row] = await this.q(`SELECT * FROM ${C} WHERE id = :id`, { id });
    return row ? this.decrypt(row) : null;
  }

  async list(f: CallFilters, limit: number, offset: number): Promise<{ rows: Row[]; total: number }> {
    const where: string[] = [];
    for (const k of [
      "therapist_id",
      "patient_id",
      "therapeutenanfrage_id",
      "status",
      "geplantes_datum",
    ] as const)
      if (f[k] !== undefined) where.push(`${k} = :${k}`);
    if (f.recipient_type === "therapist") where.push("therapist_id IS NOT NULL");
    if (f.recipient_type === "patient") where.push("patient_id IS NOT NULL");
    if (f.faellig_bis !== undefined) where.push("geplantes_datum <= :faellig_bis");
    const order =
      f.sort === "termin"
        ? "geplantes_datum, geplante_zeit, id"
        : "geplantes_datum DESC, geplante_zeit DESC, id DESC";
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    // A page far beyond the data is just empty (and keeps the number inside what PostgreSQL takes).
    const repl = { ...f, limit, offset: Math.min(offset, 2 ** 40) };
    const rows = await this.q(`SELECT * FROM ${C} ${w} ORDER BY ${order} LIMIT :limit OFFSET :offset`, repl);
    const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM ${C} ${w}`, repl);
    return { rows: rows.map((r) => this.decrypt(r)), total: n };
  }

  async update(id: number, fields: Row): Promise<Row> {
    const values: Row = { ...fields };
    for (const f of ENCRYPTED) if (f in values) values[f] = encryptField(this.cfg, values[f]);
    const sets = Object.keys(values).map((k) => `${k} = :${k}`);
    const [row] = await this.q(
      `UPDATE ${C} SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :__id RETURNING *`,
      { ...values, __id: id },
    );
    return this.decrypt(row);
  }

  async remove(id: number): Promise<void> {
    await this.q(`DELETE FROM ${C} WHERE id = :id RETURNING id`, { id });
  }

  /** Planned calls of a therapist from a date on: the slots a new call must not overlap. */
  async bookings(therapistId: number, from: string, t?: Transaction): Promise<Booking[]> {
    const rows = await this.q(
      `SELECT geplantes_datum::text AS date, geplante_zeit AS time, dauer_minuten AS minutes FROM ${C}
        WHERE therapist_id = :therapistId AND status <> 'abgebrochen' AND geplantes_datum >= :from`,
      { therapistId, from },
      t,
    );
    return rows as Booking[];
  }

  async ofInquiry(anfrageId: number, zweck: CallPurpose, t?: Transaction): Promise<Row | null> {
    const [row] = await this.q(
      `SELECT id, status FROM ${C} WHERE therapeutenanfrage_id = :anfrageId AND zweck = :zweck`,
      { anfrageId, zweck },
      t,
    );
    return row ?? null;
  }

  /** Planned calls that belong to an inquiry (the follow-up job checks whether they are still needed). */
  plannedForInquiries(): Promise<Row[]> {
    return this.q(
      `SELECT id, therapeutenanfrage_id FROM ${C} WHERE status = 'geplant' AND therapeutenanfrage_id IS NOT NULL`,
    );
  }

  /** Cancels a still planned call and says why in its notes; false when it was no longer planned. */
  async cancel(id: number, reason: string): Promise<boolean> {
    return this.db.transaction(async (t) => {
      const [row] = await this.q(
        `SELECT notizen FROM ${C} WHERE id = :id AND status = 'geplant' FOR UPDATE`,
        { id },
        t,
      );
      if (!row) return false;
      const before = decryptField(this.cfg, row.notizen);
      await this.q(
        `UPDATE ${C} SET status = 'abgebrochen', notizen = :notes, updated_at = now() WHERE id = :id RETURNING id`,
        { id, notes: encryptField(this.cfg, before ? `${before}\n${reason}` : reason) },
        t,
      );
      return true;
    });
  }

  forPerson(col: "patient_id" | "therapist_id", id: number): Promise<Row[]> {
    return this.q(`SELECT * FROM ${C} WHERE ${col} = :id ORDER BY id`, { id }).then((r) =>
      r.map((x) => this.decrypt(x)),
    );
  }
}

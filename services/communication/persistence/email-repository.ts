import * as crypto from "node:crypto";
import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { AppConfig } from "../../../config";
import { decryptField, encryptField } from "../../../mixins/crypto";

export type Row = Record<string, any>;
const E = "communication_service.emails";
// Bodies and answers may describe a patient's health (inquiries list symptoms): encrypted at rest (decisions.md 22).
const ENCRYPTED = ["inhalt_html", "inhalt_text", "antwortinhalt"] as const;
// Columns of list views: no bodies (they are large and need decrypting).
export const LIST_COLUMNS = `id, therapist_id, patient_id, betreff, empfaenger_email, empfaenger_name, absender_email, absender_name,
  status, in_warteschlange_am, gesendet_am, antwort_erhalten, antwortdatum, fehlermeldung, wiederholungsanzahl,
  attachments, message_id, typ, therapeutenanfrage_id, platzsuche_id, created_at, updated_at`;

export interface EmailInsert {
  therapist_id: number | null;
  patient_id: number | null;
  betreff: string;
  inhalt_html: string;
  inhalt_text: string;
  empfaenger_email: string;
  empfaenger_name: string;
  absender_email: string;
  absender_name: string;
  status: "Entwurf" | "In_Warteschlange";
  attachments: string[];
  typ: string;
  therapeutenanfrage_id?: number | null;
  platzsuche_id?: number | null;
  patient_ids?: number[];
}

export interface EmailFilters {
  therapist_id?: number;
  patient_id?: number;
  recipient_type?: "therapist" | "patient";
  /** Any of these statuses (see domain/status-filter.ts). */
  statuses?: string[];
  antwort_erhalten?: boolean;
  /** Part of the recipient's name or address or of the subject (the staff app's name search). */
  search?: string;
}

/** SQL of the emails table; the only place that encrypts and decrypts e-mail bodies. */
export class EmailRepository {
  constructor(
    private readonly db: Sequelize,
    private readonly cfg: AppConfig,
  ) {}

  q(sql: string, replacements: Row = {}, t?: Transaction | null): Promise<Row[]> {
    return this.db.query(sql, { replacements, type: QueryTypes.SELECT, transaction: t ?? undefined });
  }

  decrypt(row: Row): Row {
    const out = { ...row };
    for (const f of ENCRYPTED) if (f in out) out[f] = decryptField(this.cfg, out[f]);
    return out;
  }

  /** A new e-mail with a Message-ID fixed for its lifetime, so every resend is recognisable as the same mail. */
  async insert(t: Transaction, f: EmailInsert): Promise<Row> {
    const [row] = await this.q(
      `INSERT INTO ${E} (therapist_id, patient_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
                         absender_email, absender_name, status, in_warteschlange_am, attachments, message_id, typ,
                         therapeutenanfrage_id, platzsuche_id, patient_ids)
       VALUES (:therapist_id, :patient_id, :betreff, :html, :text, :to, :toName, :from, :fromName, :status,
               CASE WHEN :status = 'In_Warteschlange' THEN now() END, :attachments, :messageId, :typ,
               :anfrage, :search, :patientIds::int[])
       RETURNING *`,
      {
        therapist_id: f.therapist_id,
        patient_id: f.patient_id,
        betreff: f.betreff,
        html: encryptField(this.cfg, f.inhalt_html),
        text: encryptField(this.cfg, f.inhalt_text),
        to: f.empfaenger_email,
        toName: f.empfaenger_name,
        from: f.absender_email,
        fromName: f.absender_name,
        status: f.status,
        attachments: JSON.stringify(f.attachments),
        messageId: `<${crypto.randomUUID()}@${this.cfg.communication.messageIdDomain}>`,
        typ: f.typ,
        anfrage: f.therapeutenanfrage_id ?? null,
        search: f.platzsuche_id ?? null,
        patientIds: `{${(f.patient_ids ?? []).join(",")}}`,
      },
      t,
    );
    return this.decrypt(row);
  }

  async byId(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    const [row] = await this.q(`SELECT * FROM ${E} WHERE id = :id${lock ? " FOR UPDATE" : ""}`, { id }, t);
    return row ? this.decrypt(row) : null;
  }

  async list(f: EmailFilters, limit: number, offset: number): Promise<{ rows: Row[]; total: number }> {
    const where: string[] = [];
    if (f.therapist_id !== undefined) where.push("therapist_id = :therapist_id");
    if (f.patient_id !== undefined) where.push("patient_id = :patient_id");
    if (f.recipient_type === "therapist") where.push("therapist_id IS NOT NULL");
    if (f.recipient_type === "patient") where.push("patient_id IS NOT NULL");
    if (f.statuses !== undefined) where.push("status IN (:statuses)");
    if (f.antwort_erhalten !== undefined) where.push("antwort_erhalten = :antwort_erhalten");
    if (f.search) where.push("(empfaenger_name ILIKE :q OR empfaenger_email ILIKE :q OR betreff ILIKE :q)");
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    // A page far beyond the data is just empty (and keeps the number inside what PostgreSQL takes).
    const q = f.search ? `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const repl = { ...f, q, limit, offset: Math.min(offset, 2 ** 40) };
    const rows = await this.q(
      `SELECT ${LIST_COLUMNS} FROM ${E} ${w} ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
      repl,
    );
    const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM ${E} ${w}`, repl);
    return { rows, total: n };
  }

  async update(t: Transaction, id: number, sets: string[], repl: Row): Promise<Row> {
    const values = { ...repl };
    for (const f of ENCRYPTED)
      if (typeof values[f] === "string") values[f] = encryptField(this.cfg, values[f]);
    const [row] = await this.q(
      `UPDATE ${E} SET ${[...sets, "updated_at = now()"].join(", ")} WHERE id = :__id RETURNING *`,
      { ...values, __id: id },
      t,
    );
    return this.decrypt(row);
  }

  async remove(id: number): Promise<void> {
    await this.q(`DELETE FROM ${E} WHERE id = :id RETURNING id`, { id });
  }

  /** The e-mail of one inquiry of one kind (first e-mail or reminder), for idempotent retries. */
  async ofInquiry(anfrageId: number, typ: string, t?: Transaction): Promise<Row | null> {
    const [row] = await this.q(
      `SELECT ${LIST_COLUMNS} FROM ${E} WHERE therapeutenanfrage_id = :anfrageId AND typ = :typ`,
      { anfrageId, typ },
      t,
    );
    return row ?? null;
  }

  async ofSearch(platzsucheId: number, typ: string, t?: Transaction): Promise<Row | null> {
    const [row] = await this.q(
      `SELECT ${LIST_COLUMNS} FROM ${E} WHERE platzsuche_id = :platzsucheId AND typ = :typ`,
      { platzsucheId, typ },
      t,
    );
    return row ?? null;
  }

  /**
   * Calendar dates (operator time zone) of inquiry e-mails that went or are going out to a therapist, or to
   * the same address (a shared practice mailbox is one reader).
   */
  async inquiryEmailDates(
    therapistId: number,
    address: string,
    types: readonly string[],
    since: string,
    t: Transaction,
  ) {
    const rows = await this.q(
      `SELECT DISTINCT (created_at AT TIME ZONE :tz)::date::text AS d FROM ${E}
        WHERE (therapist_id = :therapistId OR lower(empfaenger_email) = lower(:address))
          AND typ = ANY(:types::text[]) AND status IN ('In_Warteschlange', 'Wird_gesendet', 'Gesendet')
          AND created_at >= (:since::date - 1)::timestamptz`,
      { therapistId, address, types: `{${types.join(",")}}`, since, tz: this.cfg.core.timezone },
      t,
    );
    return rows.map((r) => r.d as string);
  }

  /** Serialises everything that decides whether a therapist may get an inquiry e-mail (several nodes). */
  async lockTherapist(therapistId: number, t: Transaction): Promise<void> {
    await this.q("SELECT pg_advisory_xact_lock(727301, :id)", { id: therapistId }, t);
  }

  /** Every e-mail to one person, bodies decrypted (history, GDPR export). */
  async forPerson(col: "patient_id" | "therapist_id", id: number): Promise<Row[]> {
    const rows = await this.q(`SELECT * FROM ${E} WHERE ${col} = :id ORDER BY id`, { id });
    return rows.map((r) => this.decrypt(r));
  }
}

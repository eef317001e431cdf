import { QueryTypes, type Sequelize, type Transaction } from "sequelize";

type Row = Record<string, any>;
const S = "matching_service";

/** SQL of the matching service; transactions are explicit and passed in. */
export class MatchingRepository {
  constructor(readonly db: Sequelize) {}

  q<T extends object = Row>(sql: string, replacements: Row = {}, t?: Transaction): Promise<T[]> {
    return this.db.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
  }
  async exec(sql: string, replacements: Row = {}, t?: Transaction): Promise<void> {
    await this.db.query(sql, { replacements, transaction: t });
  }

  async search(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    return (
      (
        await this.q(
          `SELECT * FROM ${S}.platzsuche WHERE id = :id${lock ? " FOR NO KEY UPDATE" : ""}`,
          { id },
          t,
        )
      )[0] ?? null
    );
  }

  async activeSearchOf(patientId: number, t?: Transaction): Promise<Row | null> {
    return (
      (
        await this.q(
          `SELECT * FROM ${S}.platzsuche WHERE patient_id = :patientId AND status = 'aktiv'`,
          { patientId },
          t,
        )
      )[0] ?? null
    );
  }

  /** Active searches, longest waiting first (FIFO). */
  activeSearches(t?: Transaction): Promise<Row[]> {
    return this.q(`SELECT * FROM ${S}.platzsuche WHERE status = 'aktiv' ORDER BY created_at, id`, {}, t);
  }

  async inquiry(id: number, t?: Transaction, lock = false): Promise<Row | null> {
    return (
      (
        await this.q(
          `SELECT * FROM ${S}.therapeutenanfrage WHERE id = :id${lock ? " FOR NO KEY UPDATE" : ""}`,
          { id },
          t,
        )
      )[0] ?? null
    );
  }

  inquiryRows(anfrageId: number, t?: Transaction): Promise<Row[]> {
    return this.q(
      `SELECT tap.*, ps.created_at AS search_created_at FROM ${S}.therapeut_anfrage_patient tap
         JOIN ${S}.platzsuche ps ON ps.id = tap.platzsuche_id
        WHERE tap.therapeutenanfrage_id = :anfrageId ORDER BY tap.position_in_anfrage`,
      { anfrageId },
      t,
    );
  }

  /** Therapists with an unsent, or sent and unanswered, inquiry. */
  async pendingTherapistIds(t?: Transaction): Promise<Set<number>> {
    const rows = await this.q<{ therapist_id: number }>(
      `SELECT DISTINCT therapist_id FROM ${S}.therapeutenanfrage WHERE antwort_datum IS NULL AND abgebrochen_am IS NULL`,
      {},
      t,
    );
    return new Set(rows.map((r) => r.therapist_id));
  }

  /** Row counts per search: active (anstehend) and total. */
  async inquiryCounts(searchIds: number[]): Promise<Map<number, { aktive: number; gesamt: number }>> {
    const out = new Map<number, { aktive: number; gesamt: number }>();
    if (!searchIds.length) return out;
    const rows = await this.q<{ platzsuche_id: number; aktive: number; gesamt: number }>(
      `SELECT platzsuche_id, count(*) FILTER (WHERE status = 'anstehend')::int AS aktive, count(*)::int AS gesamt
         FROM ${S}.therapeut_anfrage_patient WHERE platzsuche_id = ANY(:ids::int[]) GROUP BY platzsuche_id`,
      { ids: `{${searchIds.join(",")}}` },
    );
    for (const r of rows) out.set(r.platzsuche_id, { aktive: r.aktive, gesamt: r.gesamt });
    return out;
  }

  async lockTherapist(therapistId: number, t: Transaction): Promise<void> {
    await this.exec("SELECT pg_advisory_xact_lock(4711, :id)", { id: therapistId }, t);
  }
}

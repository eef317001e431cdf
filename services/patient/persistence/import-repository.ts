import { QueryTypes, type Sequelize, type Transaction } from "sequelize";

type Row = Record<string, any>;
const R = "patient_service.import_runs";

export interface ImportRun {
  file: string | null;
  source: "folder" | "api";
  status: "success" | "failed";
  error?: string | null;
  patient_id?: number | null;
  stored_as?: string | null;
  duplicate?: boolean;
  email_status?: string | null;
}

/** Bookkeeping of the registration import (one row per file or API call), shown at /patients/import-status. */
export class ImportRepository {
  constructor(private readonly db: Sequelize) {}

  private q<T extends object = Row>(sql: string, replacements: Row = {}, t?: Transaction): Promise<T[]> {
    return this.db.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
  }

  async record(run: ImportRun): Promise<void> {
    await this.db.query(
      `INSERT INTO ${R} (file, source, status, error, patient_id, stored_as, duplicate, email_status)
       VALUES (:file, :source, :status, :error, :patient_id, :stored_as, :duplicate, :email_status)`,
      {
        replacements: {
          error: null,
          patient_id: null,
          stored_as: null,
          duplicate: false,
          email_status: null,
          ...run,
        },
      },
    );
  }

  async checked(files: number): Promise<void> {
    await this.db.query(
      `INSERT INTO patient_service.import_monitor (id, last_check_at, last_check_files) VALUES (1, now(), :files)
       ON CONFLICT (id) DO UPDATE SET last_check_at = now(), last_check_files = :files`,
      { replacements: { files } },
    );
  }

  /**
   * File counters of today (operator's calendar day) and of all time, the last error and the newest runs
   * (registrations posted by an admin appear among the runs, not in the file counters).
   */
  async status(today: string, timeZone: string, recent = 20) {
    const [c] = await this.q(
      `SELECT count(*) FILTER (WHERE status = 'success')::int AS total_processed,
              count(*) FILTER (WHERE status = 'failed')::int AS total_failed,
              count(*) FILTER (WHERE status = 'success' AND (at AT TIME ZONE :tz)::date = :today::date)::int AS processed_today,
              count(*) FILTER (WHERE status = 'failed' AND (at AT TIME ZONE :tz)::date = :today::date)::int AS failed_today
         FROM ${R} WHERE source = 'folder'`,
      { tz: timeZone, today },
    );
    const [lastError] = await this.q(
      `SELECT error, at FROM ${R} WHERE status = 'failed' AND source = 'folder' ORDER BY id DESC LIMIT 1`,
    );
    const [monitor] = await this.q(
      "SELECT last_check_at, last_check_files FROM patient_service.import_monitor",
    );
    const runs = await this.q(
      `SELECT file, source, status, error, patient_id, duplicate, email_status, at FROM ${R} ORDER BY id DESC LIMIT :recent`,
      { recent },
    );
    return { counts: c, lastError: lastError ?? null, monitor: monitor ?? null, runs };
  }

  /** Where this patient's registration files were kept (GDPR erasure deletes them). */
  storedFilesOf(patientId: number): Promise<Row[]> {
    return this.q(`SELECT id, stored_as FROM ${R} WHERE patient_id = :patientId AND stored_as IS NOT NULL`, {
      patientId,
    });
  }

  runsOf(patientId: number): Promise<Row[]> {
    return this.q(
      `SELECT file, source, status, duplicate, email_status, at FROM ${R} WHERE patient_id = :patientId ORDER BY id`,
      { patientId },
    );
  }

  /** Keeps the run as an anonymous count: no link to the person, no file name (it may carry the name). */
  async anonymiseRunsOf(patientId: number, t: Transaction): Promise<void> {
    await this.db.query(
      `UPDATE ${R} SET patient_id = NULL, file = NULL, stored_as = NULL, error = NULL WHERE patient_id = :patientId`,
      { replacements: { patientId }, transaction: t },
    );
  }

  /** Retention of the import log: file names and error texts of runs older than `days` (0 keeps them). */
  async clearOldRuns(days: number): Promise<number> {
    if (days <= 0) return 0;
    const rows = await this.q(
      `UPDATE ${R} SET file = NULL, stored_as = NULL, error = NULL
        WHERE at < now() - make_interval(days => :days)
          AND (file IS NOT NULL OR stored_as IS NOT NULL OR error IS NOT NULL)
        RETURNING id`,
      { days },
    );
    return rows.length;
  }

  async countErasure(
    erasedOn: string,
    status: string,
    searchStarted: boolean,
    t: Transaction,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO patient_service.erasure_stats (erased_on, status, search_started, erasures)
       VALUES (:erasedOn, :status, :searchStarted, 1)
       ON CONFLICT (erased_on, status, search_started) DO UPDATE SET erasures = patient_service.erasure_stats.erasures + 1`,
      { replacements: { erasedOn, status, searchStarted }, transaction: t },
    );
  }
}

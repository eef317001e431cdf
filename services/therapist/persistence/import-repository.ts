import { QueryTypes, type Sequelize } from "sequelize";

type Row = Record<string, any>;
const S = "therapist_service";

/** Bookkeeping of the therapist import: runs (one per file or request), folder files and the folder monitor. */
export class ImportRepository {
  constructor(private readonly db: Sequelize) {}

  private q<T extends object = Row>(sql: string, replacements: Row = {}): Promise<T[]> {
    return this.db.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  }

  async startRun(source: string, plz: string | null, file: string | null): Promise<number> {
    const [r] = await this.q<{ id: number }>(
      `INSERT INTO ${S}.import_runs (source, plz, file) VALUES (:source, :plz, :file) RETURNING id`,
      { source, plz, file },
    );
    return r.id;
  }

  async finishRun(id: number, report: object): Promise<void> {
    await this.db.query(`UPDATE ${S}.import_runs SET finished_at = now(), report = :report WHERE id = :id`, {
      replacements: { id, report: JSON.stringify(report) },
    });
  }

  /** How this exact file content was handled before (imported or failed), or null when it is new. */
  async fileSeen(path: string, sha256: string): Promise<Row | null> {
    const [r] = await this.q(
      `SELECT status, error, at FROM ${S}.import_files WHERE path = :path AND sha256 = :sha256`,
      {
        path,
        sha256,
      },
    );
    return r ?? null;
  }

  async recordFile(f: {
    path: string;
    sha256: string;
    status: "imported" | "failed";
    error?: string | null;
    runId?: number | null;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO ${S}.import_files (path, sha256, status, error, import_run_id) VALUES (:path, :sha256, :status, :error, :runId)
       ON CONFLICT (path, sha256) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error,
         import_run_id = EXCLUDED.import_run_id, at = now()`,
      { replacements: { error: null, runId: null, ...f } },
    );
  }

  /**
   * Takes the folder for one run (a lease in the monitor row): false while another run holds it, unless that
   * run's node stopped without releasing it longer than `staleMinutes` ago.
   */
  async claimFolder(node: string, staleMinutes: number): Promise<boolean> {
    const rows = await this.q(
      `UPDATE ${S}.import_monitor SET running_since = now(), running_by = :node
        WHERE id = 1 AND (running_since IS NULL OR running_since < now() - make_interval(mins => :stale))
        RETURNING id`,
      { node, stale: staleMinutes },
    );
    return rows.length > 0;
  }

  async releaseFolder(files: number, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE ${S}.import_monitor SET running_since = NULL, running_by = NULL, last_check_at = now(), last_check_files = :files,
         last_error = COALESCE(:error, last_error), last_error_at = CASE WHEN :error::text IS NULL THEN last_error_at ELSE now() END
       WHERE id = 1`,
      { replacements: { files, error } },
    );
  }

  /** Counters of today (operator's calendar day) and of all time, the last error and the newest runs. */
  async status(today: string, timeZone: string, recent = 20) {
    const [c] = await this.q(
      `SELECT count(*) FILTER (WHERE day = :today::date)::int AS runs_today,
              COALESCE(sum((report->>'success')::int) FILTER (WHERE day = :today::date), 0)::int AS ok_today,
              COALESCE(sum((report->>'failed')::int) FILTER (WHERE day = :today::date), 0)::int AS failed_today,
              count(*)::int AS runs,
              COALESCE(sum((report->>'created')::int), 0)::int AS created,
              COALESCE(sum((report->>'updated')::int), 0)::int AS updated,
              COALESCE(sum((report->>'failed')::int), 0)::int AS failed
         FROM (SELECT report, (started_at AT TIME ZONE :tz)::date AS day FROM ${S}.import_runs) r`,
      { today, tz: timeZone },
    );
    const [f] = await this.q(
      `SELECT count(*) FILTER (WHERE status = 'failed' AND (at AT TIME ZONE :tz)::date = :today::date)::int AS failed_today,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM ${S}.import_files`,
      { today, tz: timeZone },
    );
    const [lastFailedFile] = await this.q(
      `SELECT path, error, at FROM ${S}.import_files WHERE status = 'failed' ORDER BY at DESC LIMIT 1`,
    );
    const [monitor] = await this.q(`SELECT * FROM ${S}.import_monitor WHERE id = 1`);
    const runs = await this.q(
      `SELECT id, source, plz, file, started_at, finished_at, report FROM ${S}.import_runs ORDER BY id DESC LIMIT :recent`,
      { recent },
    );
    return { counts: c, files: f, lastFailedFile: lastFailedFile ?? null, monitor: monitor ?? {}, runs };
  }
}

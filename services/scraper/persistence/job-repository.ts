import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { Cell } from "../domain/grid";

type Row = Record<string, any>;
const S = "scraper_service";

/** Scrape jobs with their checkpoint (cells and records found so far). */
export class JobRepository {
  constructor(private readonly db: Sequelize) {}

  private q<T extends object = Row>(sql: string, replacements: Row = {}, t?: Transaction): Promise<T[]> {
    return this.db.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction: t });
  }

  /** A new running job with its planned cells; null when another job is running (one at a time). */
  async create(
    j: { label: string | null; region: object; settings: object; createdBy: string | null },
    cells: Cell[],
  ) {
    try {
      return await this.db.transaction(async (t) => {
        const [job] = await this.q(
          `INSERT INTO ${S}.jobs (label, region, settings, cells_total, created_by)
           VALUES (:label, :region, :settings, :n, :createdBy) RETURNING *`,
          { ...j, region: JSON.stringify(j.region), settings: JSON.stringify(j.settings), n: cells.length },
          t,
        );
        await this.insertCells(job.id, cells, null, 0, t);
        return job;
      });
    } catch (e) {
      if ((e as Error).name === "SequelizeUniqueConstraintError") return null;
      throw e;
    }
  }

  private async insertCells(
    jobId: number,
    cells: Cell[],
    parent: number | null,
    firstIdx: number,
    t: Transaction,
  ) {
    const rows = cells.map((c, k) => ({ idx: firstIdx + k, parent, ...c }));
    await this.db.query(
      `INSERT INTO ${S}.cells (job_id, idx, parent_idx, depth, lat, lon, radius_km)
       SELECT :jobId, idx, parent, depth, lat, lon, radius_km
         FROM jsonb_to_recordset(:rows::jsonb) AS x(idx int, parent int, depth int, lat float8, lon float8, radius_km float8)`,
      { replacements: { jobId, rows: JSON.stringify(rows) }, transaction: t },
    );
  }

  get(id: number): Promise<Row | null> {
    return this.q(`SELECT * FROM ${S}.jobs WHERE id = :id`, { id }).then((r) => r[0] ?? null);
  }

  list(limit = 20): Promise<Row[]> {
    return this.q(`SELECT * FROM ${S}.jobs ORDER BY id DESC LIMIT :limit`, { limit });
  }

  /** A running job nobody works on (never started, released, or its node's lease ran out), now this node's. */
  async claim(node: string, leaseSeconds: number): Promise<Row | null> {
    const [job] = await this.q(
      `UPDATE ${S}.jobs SET locked_by = :node, locked_until = now() + make_interval(secs => :lease),
              started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = (SELECT id FROM ${S}.jobs WHERE status = 'running' AND (locked_until IS NULL OR locked_until < now())
                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      { node, lease: leaseSeconds },
    );
    return job ?? null;
  }

  /** Extends the lease; false when the job was cancelled or another node took it. */
  async renew(id: number, node: string, leaseSeconds: number): Promise<boolean> {
    const rows = await this.q(
      `UPDATE ${S}.jobs SET locked_until = now() + make_interval(secs => :lease)
        WHERE id = :id AND locked_by = :node AND status = 'running' RETURNING id`,
      { id, node, lease: leaseSeconds },
    );
    return rows.length > 0;
  }

  async release(id: number, node: string): Promise<void> {
    await this.db.query(
      `UPDATE ${S}.jobs SET locked_by = NULL, locked_until = NULL, updated_at = now() WHERE id = :id AND locked_by = :node`,
      { replacements: { id, node } },
    );
  }

  nextCell(jobId: number): Promise<Row | null> {
    return this.q(
      `SELECT * FROM ${S}.cells WHERE job_id = :jobId AND status = 'pending' ORDER BY idx LIMIT 1`,
      {
        jobId,
      },
    ).then((r) => r[0] ?? null);
  }

  async countAttempt(jobId: number, idx: number): Promise<void> {
    await this.db.query(
      `UPDATE ${S}.cells SET attempts = attempts + 1 WHERE job_id = :jobId AND idx = :idx;
       UPDATE ${S}.jobs SET requests = requests + 1, updated_at = now() WHERE id = :jobId`,
      { replacements: { jobId, idx } },
    );
  }

  /** One answered cell, its records (kept once per 116117 id) and any split cells, as one checkpoint. */
  async completeCell(
    jobId: number,
    cell: Row,
    records: { id: string; data: object }[],
    more: boolean,
    split: Cell[] | null,
  ) {
    await this.db.transaction(async (t) => {
      if (records.length)
        await this.db.query(
          `INSERT INTO ${S}.records (job_id, source_id, data)
           SELECT :jobId, id, data FROM jsonb_to_recordset(:rows::jsonb) AS x(id text, data jsonb)
           ON CONFLICT (job_id, source_id) DO UPDATE SET data = EXCLUDED.data`,
          { replacements: { jobId, rows: JSON.stringify(records) }, transaction: t },
        );
      await this.db.query(
        `UPDATE ${S}.cells SET status = 'done', attempts = attempts + 1, result_count = :n, more_results = :more, fetched_at = now()
          WHERE job_id = :jobId AND idx = :idx`,
        { replacements: { jobId, idx: cell.idx, n: records.length, more }, transaction: t },
      );
      let added = 0;
      if (split) {
        const [{ max }] = await this.q<{ max: number }>(
          `SELECT max(idx)::int AS max FROM ${S}.cells WHERE job_id = :jobId`,
          { jobId },
          t,
        );
        await this.insertCells(jobId, split, cell.idx, max + 1, t);
        added = split.length;
      }
      await this.db.query(
        `UPDATE ${S}.jobs SET cells_done = cells_done + 1, cells_total = cells_total + :added, requests = requests + 1,
                truncated_cells = truncated_cells + :trunc,
                records = (SELECT count(*) FROM ${S}.records WHERE job_id = :jobId), updated_at = now()
          WHERE id = :jobId`,
        { replacements: { jobId, added, trunc: more ? 1 : 0 }, transaction: t },
      );
    });
  }

  records(jobId: number): Promise<Row[]> {
    return this.q<{ data: Row }>(`SELECT data FROM ${S}.records WHERE job_id = :jobId ORDER BY source_id`, {
      jobId,
    }).then((r) => r.map((x) => x.data));
  }

  /** Truncated cells that could not be split further: the files of this job are not complete. */
  async unresolvedTruncation(jobId: number): Promise<number> {
    const [r] = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${S}.cells c WHERE c.job_id = :jobId AND c.more_results
          AND NOT EXISTS (SELECT 1 FROM ${S}.cells s WHERE s.job_id = c.job_id AND s.parent_idx = c.idx)`,
      { jobId },
    );
    return r.n;
  }

  async finish(
    id: number,
    status: "done" | "failed" | "cancelled",
    fields: { error?: string | null; files?: object[] },
  ) {
    await this.db.query(
      `UPDATE ${S}.jobs SET status = :status, error = :error, files = COALESCE(:files::jsonb, files),
              finished_at = CASE WHEN :status = 'failed' THEN NULL ELSE now() END,
              locked_by = NULL, locked_until = NULL, updated_at = now()
        WHERE id = :id`,
      {
        replacements: {
          id,
          status,
          error: fields.error ?? null,
          files: fields.files ? JSON.stringify(fields.files) : null,
        },
      },
    );
  }

  /** Cancel (running → cancelled) or resume (failed/cancelled → running); false when the state does not allow it. */
  async transition(id: number, from: string[], to: "running" | "cancelled"): Promise<Row | null | "busy"> {
    try {
      const [job] = await this.q(
        `UPDATE ${S}.jobs SET status = :to, error = NULL, finished_at = CASE WHEN :to = 'cancelled' THEN now() ELSE NULL END,
                updated_at = now()
          WHERE id = :id AND status = ANY(:from::text[]) RETURNING *`,
        { id, to, from: `{${from.join(",")}}` },
      );
      return job ?? null;
    } catch (e) {
      if ((e as Error).name === "SequelizeUniqueConstraintError") return "busy";
      throw e;
    }
  }
}

import * as path from "node:path";
import type { ServiceSchema } from "moleculer";
import { databaseUrl } from "../../mixins/db/connection";
import { ensureMigrated } from "../../mixins/db/migrations";
import { HttpClient, HttpErrorType } from "../../mixins/http/client";
import { dateInZone } from "../shared/dates";
import { splitCell, type Cell } from "./domain/grid";
import { readAnswer, searchBody } from "./domain/query";
import { buildSnapshots, sourceId } from "./domain/snapshot";
import type { JobRepository } from "./persistence/job-repository";
import { writeSnapshots } from "./snapshot-writer";

type Row = Record<string, any>;

/** Stops the job: the source refuses or is down (after retries and with the circuit open). */
class StopJob extends Error {}

/**
 * Works on scrape jobs in the background: every node polls, one claims the running job (lease), fetches its
 * pending cells one by one with a polite pause and stores each answer as a checkpoint. A node that stops
 * finishes the cell in hand and releases the job, so the next start (or another node) continues there.
 */
export const ScrapeRunner: Partial<ServiceSchema> = {
  methods: {
    /** One request client per job run: its circuit breaker ends the run when the source keeps failing. */
    createClient(this: any): HttpClient {
      const c = this.config.scraper;
      let last = 0;
      return new HttpClient({
        name: "116117",
        userAgent: c.userAgent,
        timeoutMs: c.timeoutMs,
        retries: c.retries,
        backoffMs: c.backoffMs,
        maxBackoffMs: c.maxBackoffMs,
        breakerThreshold: c.breakerThreshold,
        breakerResetMs: c.breakerResetMs,
        // The polite delay also spaces retries: the source sees at most one request per SCRAPER_DELAY_MS.
        beforeAttempt: async () => {
          const wait = last + c.delayMs - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          last = Date.now();
        },
      });
    },

    kickScraper(this: any) {
      if (this.scrapeActive || this.scrapeStopping || !this.config.scraper.enabled) return;
      this.scrapeActive = (async () => {
        try {
          const repo: JobRepository = this.jobs;
          const job = await repo.claim(this.broker.nodeID, this.config.scraper.leaseSeconds);
          if (job) await this.workJob(job);
        } catch (e) {
          this.logger.warn(`scrape run failed: ${(e as Error).message}`);
        } finally {
          this.scrapeActive = null;
        }
      })();
    },

    async workJob(this: any, job: Row) {
      const repo: JobRepository = this.jobs;
      const c = this.config.scraper;
      const node = this.broker.nodeID;
      const client: HttpClient = this.createClient();
      const codes = String(job.settings.fachgebiet_codes ?? c.fachgebietCodes)
        .split(",")
        .map((s: string) => s.trim())
        .filter(Boolean);
      try {
        while (!this.scrapeStopping) {
          if (!(await repo.renew(job.id, node, c.leaseSeconds))) return; // cancelled or taken over
          const cell = await repo.nextCell(job.id);
          if (!cell) return await this.finishJob(job);
          await this.fetchCell(client, job, cell, codes);
        }
      } catch (e) {
        if (!(e instanceof StopJob)) throw e;
        this.logger.warn(`scrape job ${job.id} stopped: ${e.message}`);
        await repo.finish(job.id, "failed", { error: e.message });
      } finally {
        await repo.release(job.id, node);
      }
    },

    /** One query point: stored as done with its records (and split when cut off), or left pending on failure. */
    async fetchCell(this: any, client: HttpClient, job: Row, cell: Row, codes: string[]) {
      const repo: JobRepository = this.jobs;
      const c = this.config.scraper;
      const q: Cell = { lat: cell.lat, lon: cell.lon, radius_km: cell.radius_km, depth: cell.depth };
      let answer;
      try {
        const res = await client.request(c.baseUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(searchBody(q, codes)),
        });
        answer = res.status === 200 ? readAnswer(res.json) : null;
        if (!answer) {
          await repo.countAttempt(job.id, cell.idx);
          throw new StopJob(
            `116117 answered HTTP ${res.status}${res.status === 200 ? " without a result list" : ""} for point ${cell.idx}; resume the job when the source works again`,
          );
        }
      } catch (e) {
        if (e instanceof StopJob) throw e;
        const type = (e as { type?: string }).type;
        if (type === HttpErrorType.CIRCUIT_OPEN)
          throw new StopJob(
            `116117 keeps failing (circuit open): ${this.lastFetchError ?? (e as Error).message}; resume the job later`,
          );
        if (type !== HttpErrorType.UNAVAILABLE) throw e;
        // Retries are used up for this request: the cell stays pending and is asked again until the breaker opens.
        this.lastFetchError = (e as Error).message;
        await repo.countAttempt(job.id, cell.idx);
        return;
      }
      const split =
        answer.more && cell.depth < (job.settings.max_split_depth ?? c.maxSplitDepth)
          ? splitCell(q, c.minRadiusKm)
          : null;
      const records = answer.records.map((r) => ({ id: sourceId(r), data: r }));
      await repo.completeCell(job.id, cell, records, answer.more, split);
    },

    /** All cells answered: snapshot files per PLZ into the therapist import folder, then imported. */
    async finishJob(this: any, job: Row) {
      const repo: JobRepository = this.jobs;
      const cfg = this.config;
      const now = new Date();
      const date = dateInZone(now, cfg.core.timezone).replace(/-/g, "");
      const complete = (await repo.unresolvedTruncation(job.id)) === 0;
      const snapshots = buildSnapshots(await repo.records(job.id), {
        now: now.toISOString(),
        date,
        jobId: job.id,
        complete,
      });
      const base = cfg.therapist.importFolderPath ?? path.resolve(cfg.core.dataDir, "therapist-import");
      const files: Row[] = writeSnapshots(base, date, snapshots);
      // Imported before the job counts as done; after a crash in between, the files are written and imported
      // again (the import skips content it has seen).
      if (cfg.scraper.importAfterWrite && this.broker.registry.hasService("therapist")) {
        for (const f of files) {
          try {
            const r = await this.broker.call("therapist.importFile", { path: f.path }, { timeout: 0 });
            f.import = { status: r.status, import_id: r.import_id ?? null, error: r.error ?? null };
          } catch (e) {
            // The daily folder job imports it later.
            f.import = { status: "not_imported", error: (e as Error).message };
          }
        }
      }
      await repo.finish(job.id, "done", { files });
      this.logger.info(
        `scrape job ${job.id} done: ${files.length} snapshot files in ${path.join(base, date)}`,
      );
    },
  },

  created(this: any) {
    this.scrapeActive = null;
    this.scrapeStopping = false;
  },

  async started(this: any) {
    // Hooks of mixins may run before the db mixin's: the job tables must exist before the first look.
    await ensureMigrated(this.db, databaseUrl(this.config));
    const tick = () => this.kickScraper();
    this.scrapeTimer = setInterval(tick, this.config.scraper.pollMs);
    this.scrapeTimer.unref();
    tick();
  },

  async stopped(this: any) {
    this.scrapeStopping = true;
    clearInterval(this.scrapeTimer);
    await this.scrapeActive;
  },
};

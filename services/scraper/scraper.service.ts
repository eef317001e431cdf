import type { Context, ServiceSchema } from "moleculer";
import { SqlMixin } from "../../mixins/db.mixin";
import { badRequest, conflict, isUnreachable, notFound, unavailable } from "../../mixins/errors";
import { parseId } from "../../mixins/params";
import { planCells, parseRegion, type Region } from "./domain/region";
import { ScraperErrorType } from "./errors";
import { JobRepository } from "./persistence/job-repository";
import { ScrapeRunner } from "./runner";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

const positive = (v: unknown, name: string, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0 || n > max)
    throw badRequest(`${name} must be a number between 0 and ${max}`);
  return n;
};

/** Job as staff see it: progress of the checkpoint, the files written and their import. */
function toApi(j: Row) {
  return {
    id: j.id,
    status: j.status,
    label: j.label,
    region: j.region,
    settings: j.settings,
    cells_total: j.cells_total,
    cells_done: j.cells_done,
    cells_pending: j.cells_total - j.cells_done,
    progress_percent: j.cells_total ? Math.round((j.cells_done / j.cells_total) * 1000) / 10 : 0,
    queries: j.requests,
    records: j.records,
    truncated_cells: j.truncated_cells,
    files: j.files,
    error: j.error,
    working_node: j.locked_by,
    created_at: j.created_at,
    started_at: j.started_at,
    finished_at: j.finished_at,
  };
}

/**
 * Fetches 116117 search results over a grid of query points into import snapshots (docs/scraper.md). Off by
 * default (decisions.md 18); jobs are resumable from their checkpoint and run one at a time in the cluster.
 */
const ScraperService: ServiceSchema = {
  name: "scraper",
  // Hooks of later mixins start first and stop last: the runner stops (finishing its cell) before the database.
  mixins: [ScrapeRunner, SqlMixin("scraper_service")],
  settings: { rest: "/" },

  actions: {
    start: {
      rest: "POST /scraper/jobs",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const c = this.config.scraper;
        if (!c.enabled)
          throw conflict(
            "Live scraping of 116117 is off. It is a legal decision for the operator (docs/scraper.md): set SCRAPER_ENABLED=true and SCRAPER_BASE_URL to the search endpoint, or import saved files instead (POST /api/therapists/import).",
            ScraperErrorType.SCRAPER_DISABLED,
          );
        if (!c.baseUrl)
          throw conflict(
            "The scraper is enabled but has no endpoint: set SCRAPER_BASE_URL to the 116117 search endpoint (docs/scraper.md).",
            ScraperErrorType.SCRAPER_NOT_CONFIGURED,
          );
        const region = parseRegion(ctx.params);
        if (!region.ok) throw badRequest(region.error);
        const rules = {
          radiusKm: positive(ctx.params.radius_km, "radius_km", 100) ?? c.radiusKm,
          spacingKm: positive(ctx.params.spacing_km, "spacing_km", 200) ?? c.spacingKm,
          maxCells: c.maxCells,
        };
        const centroids = region.value.kind === "plz" ? await this.centroids(ctx, region.value) : [];
        const cells = planCells(region.value, rules, centroids);
        if (!cells.ok) throw badRequest(cells.error);
        const label = typeof ctx.params.label === "string" ? ctx.params.label.slice(0, 200) : null;
        const job = await this.jobs.create(
          {
            label,
            region: region.value,
            settings: {
              radius_km: rules.radiusKm,
              spacing_km: rules.spacingKm,
              max_split_depth: c.maxSplitDepth,
              fachgebiet_codes: c.fachgebietCodes,
            },
            createdBy: ctx.meta.user?.email ?? null,
          },
          cells.value,
        );
        if (!job)
          throw conflict(
            "Another scrape job is running; wait for it or cancel it (one job at a time)",
            ScraperErrorType.SCRAPER_JOB_RUNNING,
          );
        this.kickScraper();
        ctx.meta.$statusCode = 202;
        return toApi(job);
      },
    },

    list: {
      rest: "GET /scraper/jobs",
      auth: "staff",
      async handler(this: any) {
        return { enabled: this.config.scraper.enabled, data: (await this.jobs.list()).map(toApi) };
      },
    },

    get: {
      rest: "GET /scraper/jobs/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        return toApi(await this.load(ctx.params.id));
      },
    },

    cancel: {
      rest: "POST /scraper/jobs/:id/cancel",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const job = await this.load(ctx.params.id);
        const r = await this.jobs.transition(job.id, ["running", "failed"], "cancelled");
        if (!r || r === "busy")
          throw conflict(
            `Job ${job.id} is ${job.status} and cannot be cancelled`,
            ScraperErrorType.SCRAPER_JOB_STATE,
          );
        return toApi(r);
      },
    },

    resume: {
      rest: "POST /scraper/jobs/:id/resume",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const job = await this.load(ctx.params.id);
        if (!this.config.scraper.enabled || !this.config.scraper.baseUrl)
          throw conflict(
            "Live scraping of 116117 is off (SCRAPER_ENABLED, SCRAPER_BASE_URL)",
            ScraperErrorType.SCRAPER_DISABLED,
          );
        const r = await this.jobs.transition(job.id, ["failed", "cancelled"], "running");
        if (r === "busy")
          throw conflict(
            "Another scrape job is running (one job at a time)",
            ScraperErrorType.SCRAPER_JOB_RUNNING,
          );
        if (!r)
          throw conflict(
            `Job ${job.id} is ${job.status} and cannot be resumed`,
            ScraperErrorType.SCRAPER_JOB_STATE,
          );
        this.kickScraper();
        return toApi(r);
      },
    },
  },

  methods: {
    async load(this: any, raw: unknown): Promise<Row> {
      const id = parseId(raw);
      const job = id ? await this.jobs.get(id) : null;
      if (!job) throw notFound("Scrape job not found");
      return job;
    },

    /** PLZ centroids from the geocoding service (offline table); an unknown PLZ is a 400. */
    async centroids(this: any, ctx: Ctx, region: Extract<Region, { kind: "plz" }>) {
      const out: { lat: number; lon: number }[] = [];
      const unknown: string[] = [];
      for (const plz of region.plz) {
        let c: { latitude: number; longitude: number } | null;
        try {
          c = await ctx.call("geocoding.plzCentroid", { plz });
        } catch (e) {
          if (isUnreachable(e))
            throw unavailable("PLZ centroids need the geocoding service, which is unavailable");
          throw e;
        }
        if (c) out.push({ lat: c.latitude, lon: c.longitude });
        else unknown.push(plz);
      }
      if (unknown.length) throw badRequest(`Unknown PLZ: ${unknown.join(", ")}`);
      return out;
    },
  },

  created(this: any) {
    this.jobs = new JobRepository(this.db);
  },
};

export default ScraperService;

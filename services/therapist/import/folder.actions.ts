import * as fs from "node:fs";
import * as path from "node:path";
import type { Context, ServiceSchema } from "moleculer";
import { brokerConfig } from "../../../mixins/config.mixin";
import { badRequest, conflict, isUnreachable, notFound } from "../../../mixins/errors";
import { JobsMixin } from "../../../mixins/scheduler";
import { nextRun } from "../../../mixins/scheduler/next-run";
import { planFolderImport } from "../domain/folder-plan";
import { TherapistErrorType } from "../errors";
import type { ImportRepository } from "../persistence/import-repository";
import { ImportFolder, sha256File, type FolderFile } from "./folder";
import { readImportFile } from "./input";
import { IMPORT_TIMEOUT_MS } from "./limits";

type Ctx = Context<Record<string, any>, any>;

export interface FileOutcome {
  file: string;
  status: "imported" | "unchanged" | "failed" | "failed_before";
  error?: string;
  import_id?: number;
  report?: Record<string, unknown>;
}

/** The database or a service cannot be reached: not the file's fault, so it is not recorded as failed. */
const isOutage = (e: unknown) =>
  isUnreachable(e) ||
  /^Sequelize(Connection|HostNotReachable|HostNotFound|AccessDenied)/.test((e as Error)?.name ?? "");

/**
 * The watched import folder `<base>/<YYYYMMDD>/<PLZ>.json` (+ `<base>_urgent/`), imported by a daily job or on
 * demand. The folder is only read: which file content was imported (or failed, with its error) is kept in
 * import_files, so the same file is not imported twice and a broken file stays where it is.
 */
export const FolderImportActions: Partial<ServiceSchema> = {
  mixins: [JobsMixin],

  // Added in `created`, after every `merged` hook: another part of the service may set its own jobs list there.
  created(this: any) {
    const cfg = this.config ?? brokerConfig(this.broker);
    this.schema.jobs = [
      ...((this.schema.jobs as { name: string }[]) ?? []).filter((j) => j.name !== "therapist.folder-import"),
      {
        name: "therapist.folder-import",
        cron: cfg.therapist.importCron,
        timeZone: cfg.core.timezone,
        handler: "runFolderImport",
        enabled: cfg.therapist.importEnabled,
      },
    ];
  },

  actions: {
    importFolderNow: {
      rest: "POST /therapists/import/folder",
      auth: "admin",
      timeout: IMPORT_TIMEOUT_MS,
      async handler(this: any) {
        const r = await this.runFolderImport();
        if (r.already_running)
          throw conflict(
            "The folder import is already running; see GET /api/therapists/import-status",
            TherapistErrorType.FOLDER_IMPORT_RUNNING,
          );
        return r;
      },
    },

    /** Internal (the scraper calls it for every file it writes): one stored file, unless imported before. */
    importFile: {
      async handler(this: any, ctx: Ctx) {
        const file = ctx.params.path;
        if (typeof file !== "string" || !file) throw badRequest("path is required");
        if (!fs.existsSync(file)) throw notFound(`File '${file}' not found`);
        return this.importStoredFile(path.resolve(file));
      },
    },
  },

  methods: {
    importFolder(this: any): ImportFolder {
      const cfg = this.config;
      return (this._importFolder ??= new ImportFolder(
        cfg.therapist.importFolderPath ?? path.resolve(cfg.core.dataDir, "therapist-import"),
      ));
    },

    nextFolderRun(this: any): Date {
      return nextRun(
        { cron: this.config.therapist.importCron, timeZone: this.config.core.timezone },
        new Date(),
      );
    },

    /** Job and admin action: the newest file per PLZ (urgent first), each on its own; one failing stops none. */
    async runFolderImport(this: any) {
      const repo: ImportRepository = this.importRepo();
      if (!(await repo.claimFolder(this.broker.nodeID, this.config.therapist.importStaleMinutes)))
        return { already_running: true };
      const summary = {
        files: 0,
        imported: 0,
        unchanged: 0,
        failed: 0,
        failed_before: 0,
        superseded: 0,
        ignored: [] as string[],
      };
      const outcomes: FileOutcome[] = [];
      let runError: string | null = null;
      try {
        const { files, ignored } = this.importFolder().list();
        const plan: FolderFile[] = planFolderImport(files);
        summary.ignored = ignored;
        summary.superseded = files.length - plan.length;
        for (const f of plan) {
          const o: FileOutcome = await this.importStoredFile(f.file);
          outcomes.push(o);
          summary.files++;
          summary[o.status]++;
        }
      } catch (e) {
        runError = (e as Error).message;
        throw e;
      } finally {
        const failed = outcomes.filter((o) => o.status === "failed");
        const last = failed[failed.length - 1];
        await repo.releaseFolder(summary.files, runError ?? (last ? `${last.file}: ${last.error}` : null));
        if (failed.length) await this.notifyFileFailures(failed);
      }
      return { ...summary, results: outcomes.map(({ report: _r, ...o }) => o) };
    },

    async importStoredFile(this: any, file: string): Promise<FileOutcome> {
      const repo: ImportRepository = this.importRepo();
      const key = this.importFolder().keyOf(file);
      let hash: string;
      let bytes: number;
      try {
        // Hashed while streaming: a 50 MiB file is neither held nor hashed in one piece on the event loop.
        bytes = (await fs.promises.stat(file)).size;
        hash = await sha256File(file);
      } catch (e) {
        // Gone or not readable between listing and reading: shown in the status, tried again next run.
        const error = `Unreadable file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
        return { file: key, status: "failed", error };
      }
      const seen = await repo.fileSeen(key, hash);
      if (seen)
        return {
          file: key,
          status: seen.status === "imported" ? "unchanged" : "failed_before",
          error: seen.error ?? undefined,
        };
      const failed = async (error: string): Promise<FileOutcome> => {
        await repo.recordFile({ path: key, sha256: hash, status: "failed", error });
        this.logger.warn(`therapist import file ${key} failed: ${error}`);
        return { file: key, status: "failed", error };
      };
      const max = this.config.therapist.importMaxBytes;
      if (bytes > max) return failed(`File too large (${bytes} bytes, max ${max})`);
      const input = await readImportFile(file, file, null, this.parseLimits());
      if (!input.ok) return failed(input.error);
      let report;
      try {
        report = await this.importInput(null, input.input, key);
      } catch (e) {
        if (isOutage(e)) throw e;
        this.logger.error(`therapist import file ${key} could not be imported`, e);
        return failed("Internal error while importing (details in the service log)");
      }
      await repo.recordFile({ path: key, sha256: hash, status: "imported", runId: report.import_id });
      return { file: key, status: "imported", import_id: report.import_id, report };
    },

    async notifyFileFailures(this: any, failed: FileOutcome[]) {
      if (!this.broker.registry.hasService("communication")) return;
      await this.broker
        .call("communication.systemMessage", {
          subject: `Therapist Import - ${failed.length} Files Failed`,
          message: failed.map((f) => `${f.file}: ${f.error}`).join("\n"),
          sender_name: "Therapist Import System",
        })
        .catch((e: Error) => this.logger.warn("import failure mail not sent", e.message));
    },
  },
};

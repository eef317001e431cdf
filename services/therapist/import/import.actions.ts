import * as fs from "node:fs";
import type { Readable } from "node:stream";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { AppError, badRequest, ErrorType } from "../../../mixins/errors";
import { dateInZone } from "../../shared/dates";
import { TherapistErrorType } from "../errors";
import { ImportRepository } from "../persistence/import-repository";
import { TherapistImporter, type ImportReport } from "./importer";
import { fromJson, readImportFile, type ImportInput, type InputResult } from "./input";
import { readUploadToFile, uploadTarget } from "./upload";
import { multipartLimits } from "../../../mixins/http/multipart";
import { FolderImportActions } from "./folder.actions";
import { IMPORT_TIMEOUT_MS } from "./limits";
import type { ParseLimits } from "./parse-file";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

/** A rejected input as the client sees it: 400 with a stable type per kind of problem. */
export function inputError(r: Extract<InputResult, { ok: false }>, file: boolean): AppError {
  const type = {
    unreadable: TherapistErrorType.UNREADABLE_FILE,
    unsupported: TherapistErrorType.UNSUPPORTED_FILE_TYPE,
    missing: TherapistErrorType.IMPORT_FILE_MISSING,
  }[r.kind];
  // A JSON body's structure errors keep the generic type the API always had.
  return badRequest(r.error, {}, !file && r.kind === "unreadable" ? ErrorType.VALIDATION_ERROR : type);
}

/**
 * Therapist import (domain.md 3.17, decisions.md 18-19) from one scraper snapshot, one raw 116117 result or one
 * saved result page, as a JSON body or an uploaded file. Per-record failures never stop the file; the report is
 * stored and shown at /therapists/import-status.
 */
export const ImportActions: Partial<ServiceSchema> = {
  mixins: [FolderImportActions],
  actions: {
    importTherapists: {
      // A stream alias: JSON bodies arrive parsed in ctx.params, uploads as the raw multipart stream.
      rest: { method: "POST", path: "/therapists/import", type: "stream" } as any,
      auth: "admin",
      timeout: IMPORT_TIMEOUT_MS,
      async handler(this: any, ctx: Ctx) {
        const contentType = String(ctx.meta.$contentType ?? "");
        let result: InputResult;
        let file: string | null = null;
        if (/^multipart\/form-data/i.test(contentType)) {
          if (!ctx.stream) throw badRequest("Upload missing", {}, TherapistErrorType.IMPORT_FILE_MISSING);
          // Streamed to disk and parsed from there by a worker: a 50 MiB file never sits in the event loop.
          const upload = await readUploadToFile(
            ctx.stream as Readable,
            contentType,
            multipartLimits(this.config.http, this.config.therapist.importMaxBytes),
            await uploadTarget(this.config.core.dataDir),
          );
          try {
            file = upload.filename || "upload";
            const plz =
              typeof upload.fields.plz === "string" && upload.fields.plz !== "" ? upload.fields.plz : null;
            result = await readImportFile(upload.path, file, plz, this.parseLimits());
          } finally {
            await fs.promises.rm(upload.path, { force: true });
          }
        } else if (contentType && !/^application\/(json|x-www-form-urlencoded)/i.test(contentType)) {
          throw new AppError(
            415,
            ErrorType.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported content type: send application/json or multipart/form-data with a 'file' field",
          );
        } else {
          result = fromJson(ctx.params);
        }
        if (!result.ok) throw inputError(result, file !== null);
        return this.importInput(ctx, result.input, file);
      },
    },

    importStatus: {
      rest: "GET /therapists/import-status",
      auth: "staff",
      async handler(this: any) {
        const cfg = this.config.therapist;
        const tz = this.config.core.timezone;
        const s = await this.importRepo().status(dateInZone(new Date(), tz), tz);
        const lastError =
          s.lastFailedFile && (!s.monitor.last_error_at || s.lastFailedFile.at > s.monitor.last_error_at)
            ? { error: `${s.lastFailedFile.path}: ${s.lastFailedFile.error}`, at: s.lastFailedFile.at }
            : { error: s.monitor.last_error ?? null, at: s.monitor.last_error_at ?? null };
        return {
          running: !!s.monitor.running_since,
          enabled: cfg.importEnabled,
          folder: this.importFolder().base,
          urgent_folder: this.importFolder().urgent,
          schedule: cfg.importCron,
          last_check: s.monitor.last_check_at ?? null,
          last_import_run: s.runs[0]?.finished_at ?? null,
          next_import_run: cfg.importEnabled ? this.nextFolderRun() : null,
          files_processed_today: s.counts.runs_today,
          files_failed_today: s.files.failed_today,
          therapists_processed_today: s.counts.ok_today,
          therapists_failed_today: s.counts.failed_today,
          // The earlier system's name for the all-time count of imports (files and API calls, as per day).
          total_files_processed: s.counts.runs,
          last_error: lastError.error,
          last_error_time: lastError.at,
          totals: {
            imports: s.counts.runs,
            therapists_created: s.counts.created,
            therapists_updated: s.counts.updated,
            therapists_failed: s.counts.failed,
            files_failed: s.files.failed,
          },
          recent_imports: s.runs.map((r: Row) => ({
            id: r.id,
            file: r.file,
            source: r.source,
            plz: r.plz,
            therapist_count: r.report.total ?? 0,
            success_count: r.report.success ?? 0,
            failed_count: r.report.failed ?? 0,
            time: r.finished_at,
            ...r.report,
          })),
        };
      },
    },
  },

  methods: {
    parseLimits(this: any): ParseLimits {
      const cfg = this.config.therapist;
      return { timeoutMs: cfg.importParseTimeoutMs, maxHeapMb: cfg.importParseMaxMb };
    },

    importRepo(this: any): ImportRepository {
      return (this._importRepo ??= new ImportRepository(this.db));
    },

    /** Imports one input, stores the run and its report, audits it and tells the staff about failures. */
    async importInput(this: any, ctx: Ctx | null, input: ImportInput, file: string | null) {
      const today = dateInZone(new Date(), this.config.core.timezone);
      const repo: ImportRepository = this.importRepo();
      const runId = await repo.startRun(input.source, input.plz, file);
      const report: ImportReport = await new TherapistImporter(this.db).run(input, runId, today);
      await repo.finishRun(runId, report);
      const { total, created, updated, unchanged, skipped, failed } = report;
      await audit(ctx, this.db, {
        action: "import",
        entity: "therapist",
        details: { run: runId, file, total, created, updated, unchanged, skipped, failed },
      });
      if (failed > 0) await this.notifyImportFailures(runId, input, file, report);
      return { message: "Import finished", import_id: runId, ...(file ? { file } : {}), ...report };
    },

    async notifyImportFailures(
      this: any,
      runId: number,
      input: ImportInput,
      file: string | null,
      r: ImportReport,
    ) {
      if (!this.broker.registry.hasService("communication")) return;
      const what = file ?? `${input.source}${input.plz ? ` ${input.plz}` : ""}`;
      await this.broker
        .call("communication.systemMessage", {
          subject: `Therapist Import - ${r.failed} Failures`,
          message:
            `Import ${runId} (${what}): ${r.success} ok, ${r.failed} failed, success rate ${r.success_rate.toFixed(1)} %.\n` +
            r.errors.map((e) => `${e.type}: ${e.count} (${e.examples.join(", ")})`).join("\n"),
          sender_name: "Therapist Import System",
        })
        .catch((e: Error) => this.logger.warn("import failure mail not sent", e.message));
    },
  },
};

import * as crypto from "node:crypto";
import type { Context, ServiceSchema } from "moleculer";
import { badRequest, isUnreachable } from "../../../mixins/errors";
import { parseRegistration } from "../domain/registration";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const MAX_FILE_BYTES = 1024 * 1024;
// Files younger than this may still be being written by the upload.
const SETTLE_MS = 2000;

export interface ImportOutcome {
  ok: boolean;
  error?: string;
  patient_id?: number;
  zahlungsreferenz?: string;
  duplicate?: boolean;
  email_status?: string;
}

/** Thrown for a registration that is wrong in itself: the file goes to failed/, the run goes on. */
class RejectedFile extends Error {}

/** The database or a service cannot be reached: the import cannot run now, whatever the file says. */
function isOutage(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? "";
  return isUnreachable(e) || /^Sequelize(Connection|HostNotReachable|HostNotFound|AccessDenied)/.test(name);
}

export const tokenHash = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Registration import (domain.md 3.2 steps 2-3, 2.13): JSON files from the public form, dropped in a watched
 * folder and imported by a job (or one registration posted by an admin). Idempotent per registration token.
 */
export const ImportActions: Partial<ServiceSchema> = {
  actions: {
    importRegistration: {
      rest: "POST /patients/import",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const r: ImportOutcome = await this.importRegistrationData(ctx, ctx.params, "api");
        if (!r.ok) throw badRequest(r.error as string);
        ctx.meta.$statusCode = r.duplicate ? 200 : 201;
        const { ok: _ok, ...result } = r;
        return {
          message: r.duplicate ? "Registration already imported" : "Registration imported",
          ...result,
        };
      },
    },

    importStatus: {
      rest: "GET /patients/import-status",
      auth: "staff",
      async handler(this: any) {
        const s = await this.imports.status(this.today(), this.config.core.timezone);
        const cfg = this.config.patient;
        return {
          running: cfg.importEnabled,
          folder: this.inbox.dir,
          check_interval_seconds: cfg.importIntervalSeconds,
          last_check: s.monitor?.last_check_at ?? null,
          files_waiting: this.waitingFiles(),
          files_processed_today: s.counts.processed_today,
          files_failed_today: s.counts.failed_today,
          last_error: s.lastError?.error ?? null,
          last_error_time: s.lastError?.at ?? null,
          total_processed: s.counts.total_processed,
          total_failed: s.counts.total_failed,
          recent_imports: s.runs.map((r: Row) => ({
            file: r.file,
            source: r.source,
            status: r.status,
            ...(r.error ? { error: r.error } : {}),
            patient_id: r.patient_id,
            duplicate: r.duplicate,
            email_status: r.email_status,
            time: r.at,
          })),
        };
      },
    },
  },

  methods: {
    waitingFiles(this: any): number | null {
      try {
        return this.inbox.pending(Date.now(), 0).length;
      } catch {
        return null; // folder not created yet or not mounted on this node
      }
    },

    /** Job: every settled file of the folder, one by one. */
    async runRegistrationImport(this: any) {
      const now = Date.now();
      const cfg = this.config.patient;
      this.inbox.ensure();
      const recovered = this.inbox.recoverStale(now, cfg.importStaleMinutes * 60_000);
      const files: string[] = this.inbox.pending(now, SETTLE_MS);
      const summary = { files: 0, imported: 0, duplicates: 0, failed: 0, recovered: recovered.length };
      for (const name of files) {
        const claimed: string | null = this.inbox.claim(name, new Date());
        if (!claimed) continue;
        summary.files++;
        const r: ImportOutcome = await this.importFile(claimed);
        if (!r.ok) summary.failed++;
        else if (r.duplicate) summary.duplicates++;
        else summary.imported++;
      }
      await this.imports.checked(summary.files);
      return summary;
    },

    /**
     * Job: retention of what the import keeps (kept files hold health data in clear; the import log's file
     * names and errors may name the person). The counts stay.
     */
    async enforceImportRetention(this: any) {
      const now = Date.now();
      const cfg = this.config.patient;
      this.inbox.ensure();
      return {
        processed_files_deleted: this.inbox.purge("processed", now, cfg.importKeepProcessedDays),
        failed_files_deleted: this.inbox.purge("failed", now, cfg.importKeepFailedDays),
        log_entries_cleared: await this.imports.clearOldRuns(cfg.importKeepLogDays),
      };
    },

    /** One claimed file (by its neutral name): imported and moved to processed/, or to failed/ with its error. */
    async importFile(this: any, name: string): Promise<ImportOutcome> {
      let r: ImportOutcome;
      try {
        const text = this.inbox.read(name).replace(/^\uFEFF/, "");
        if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new RejectedFile("File too large (max 1 MiB)");
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (e) {
          throw new RejectedFile(`Invalid JSON: ${(e as Error).message}`);
        }
        r = await this.importRegistrationData(null, data, "folder");
        if (!r.ok) throw new RejectedFile(r.error);
      } catch (e) {
        if (isOutage(e)) {
          // Not the file's fault: give it back untouched and stop this run (the job retries).
          this.inbox.release(name);
          throw e;
        }
        let reason = (e as Error).message;
        if (!(e instanceof RejectedFile)) {
          // Any other error would hit this file on every run and hold up the files behind it: set it aside.
          this.logger.error(`registration file ${name} could not be imported`, e);
          reason = "Internal error while importing (details in the service log); put the file back to retry";
        }
        const stored = this.inbox.fail(name, reason, new Date());
        await this.imports.record({
          file: name,
          source: "folder",
          status: "failed",
          error: reason,
          stored_as: stored,
        });
        this.logger.warn(`registration file ${name} failed: ${reason}`);
        return { ok: false, error: reason };
      }
      const stored = this.inbox.succeed(name);
      await this.imports.record({
        file: name,
        source: "folder",
        status: "success",
        patient_id: r.patient_id,
        stored_as: stored,
        duplicate: r.duplicate,
        email_status: r.email_status,
      });
      return r;
    },

    /** Validates, creates the patient (once per token) and queues the confirmation e-mail. */
    async importRegistrationData(this: any, ctx: Ctx | null, data: unknown, source: "folder" | "api") {
      const parsed = parseRegistration(data);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const { registration } = parsed;
      const { row, created } = await this.createPatient(ctx, registration.fields, {
        tokenHash: tokenHash(registration.token),
        // Not the file name: it may carry the person's name, and the audit log is never erased.
        via: `registration_import:${source}`,
      });
      // A registration seen before still gets its e-mail if the first attempt never queued one.
      const email_status = row.registration_email_id ? "already_queued" : await this.queueConfirmation(row);
      if (source === "api") {
        await this.imports.record({
          file: null,
          source: "api",
          status: "success",
          patient_id: row.id,
          duplicate: !created,
          email_status,
        });
      }
      return {
        ok: true,
        patient_id: row.id,
        zahlungsreferenz: row.zahlungsreferenz,
        duplicate: !created,
        email_status,
      };
    },

    /** The confirmation of 3.2 step 3; its failure never fails the import but tells the staff. */
    async queueConfirmation(this: any, row: Row): Promise<string> {
      if (!row.email) {
        await this.notifyStaff(
          "Registrierung ohne E-Mail-Adresse",
          `Patient ${row.id} (Zahlungsreferenz ${row.zahlungsreferenz}) wurde importiert, hat aber keine E-Mail-Adresse. ` +
            "Die Registrierungsbestätigung mit den Zahlungsdaten muss auf anderem Weg zugestellt werden.",
        );
        return "no_email";
      }
      try {
        const { email_id } = await this.broker.call("communication.queueTemplateEmail", {
          template: "registration_confirmation",
          patient_id: row.id,
          to_email: row.email,
          to_name: `${row.vorname} ${row.nachname}`,
          variables: { zahlungsreferenz: row.zahlungsreferenz, anrede: row.anrede, nachname: row.nachname },
        });
        await this.repo.setRegistrationEmail(row.id, email_id);
        return "queued";
      } catch (e) {
        const reason = (e as { type?: string }).type ?? (e as Error).message;
        await this.notifyStaff(
          "Registrierungsbestätigung nicht versendet",
          `Für Patient ${row.id} (Zahlungsreferenz ${row.zahlungsreferenz}) konnte die Registrierungsbestätigung ` +
            `nicht in die Warteschlange gestellt werden: ${(e as Error).message}. Beim nächsten Import derselben ` +
            "Registrierung wird es erneut versucht; sonst bitte manuell senden.",
        );
        return `failed: ${reason}`;
      }
    },

    async notifyStaff(this: any, subject: string, message: string): Promise<void> {
      try {
        await this.broker.call("communication.systemMessage", {
          subject,
          message,
          sender_name: "Patient Import System",
        });
      } catch (e) {
        this.logger.error(`system message '${subject}' not sent: ${(e as Error).message}`);
      }
    },
  },
};

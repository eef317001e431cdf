import * as fs from "node:fs";
import * as path from "node:path";
import { QueryTypes, type Sequelize } from "sequelize";
import type { AppConfig } from "../../../config";
import { writeEvents } from "../../../mixins/outbox";
import { afterFailure, type SendFailure } from "../domain/retry";
import type { EmailRepository, Row } from "../persistence/email-repository";
import type { MailTransport } from "./transport";

const E = "communication_service.emails";

class PermanentSendError extends Error {}

/** Payload of `email.sent` (docs/development.md): the recipient id that is set, and when. */
export function sentPayload(u: Row): Record<string, unknown> {
  const payload: Record<string, unknown> = { email_id: u.id, sent_at: new Date(u.gesendet_am).toISOString() };
  if (u.patient_id) payload.patient_id = u.patient_id;
  if (u.therapist_id) payload.therapist_id = u.therapist_id;
  return payload;
}

interface Log {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Works the e-mail queue (domain.md 3.20, decisions.md 16). Every node runs one; they share the work through
 * row locks: a claim moves a batch to Wird_gesendet with SKIP LOCKED, so no two senders hold one e-mail.
 * An e-mail is marked Gesendet by a conditional update, so at most once, together with its `email.sent`
 * event (outbox, same transaction). A sender that dies after the SMTP server accepted but before that update
 * leaves the e-mail in Wird_gesendet; after the lease it is sent again with the same Message-ID, so the
 * receiving side can recognise the duplicate, and it is still marked Gesendet once.
 */
export class MailQueue {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<number> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly db: Sequelize,
    private readonly emails: EmailRepository,
    private readonly cfg: AppConfig,
    private readonly transport: MailTransport,
    private readonly logger: Log,
  ) {}

  start() {
    this.timer = setInterval(() => this.nudge(), this.cfg.communication.queueIntervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Finishes the e-mails in hand (no half-done sends at shutdown), then closes SMTP connections. */
  async stop() {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
    this.transport.close();
  }

  /** Work the queue soon (after a new e-mail was queued on this node); never throws. */
  nudge(): void {
    void this.run();
  }

  /** One pass until the queue has nothing due; resolves to the number of e-mails sent. */
  run(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.work()
      .catch((e) => {
        this.logger.warn(`e-mail queue pass failed: ${(e as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.busy = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.nudge();
        }
      });
    return this.busy;
  }

  // Two lanes per node: while one lane waits on the database (claim, mark), the other keeps SMTP busy.
  private static readonly LANES = 2;

  private async work(): Promise<number> {
    const lane = async () => {
      let sent = 0;
      while (!this.stopping) {
        const batch = await this.claim();
        if (!batch.length) break;
        const delivered = (await Promise.all(batch.map((e) => this.deliver(e)))).filter((e): e is Row => !!e);
        sent += await this.markSent(delivered);
      }
      return sent;
    };
    const counts = await Promise.all(Array.from({ length: MailQueue.LANES }, lane));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Takes due e-mails, and e-mails whose sender's lease ran out (it crashed), for this sender. */
  private claim(): Promise<Row[]> {
    return this.db.query<Row>(
      `UPDATE ${E} SET status = 'Wird_gesendet', sendevorgang_seit = now(), sende_token = gen_random_uuid(),
              wiederholungsanzahl = wiederholungsanzahl + CASE WHEN status = 'Wird_gesendet' THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id IN (
          SELECT id FROM ${E}
           WHERE (status = 'In_Warteschlange' AND (naechster_versuch_am IS NULL OR naechster_versuch_am <= now()))
              OR (status = 'Wird_gesendet' AND sendevorgang_seit < now() - make_interval(secs => :lease))
           ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      {
        replacements: {
          n: this.cfg.communication.queueBatchSize,
          lease: this.cfg.communication.sendingLeaseSeconds,
        },
        type: QueryTypes.SELECT,
      },
    );
  }

  /** Hands one e-mail to SMTP; the e-mail when the server accepted it, null when it failed (and was recorded). */
  private async deliver(claimed: Row): Promise<Row | null> {
    const e = this.emails.decrypt(claimed);
    try {
      await this.transport.sendMail({
        messageId: e.message_id,
        from: { name: e.absender_name, address: e.absender_email },
        to: { name: e.empfaenger_name, address: e.empfaenger_email },
        subject: e.betreff,
        text: e.inhalt_text,
        html: e.inhalt_html,
        attachments: this.attachments(e.attachments ?? []),
      });
      return e;
    } catch (err) {
      await this.markFailed(e, err as Error & SendFailure).catch((x) =>
        this.logger.error(`e-mail ${e.id} failure not recorded: ${(x as Error).message}`),
      );
      return null;
    }
  }

  /** PDFs up to the configured size; a missing or oversized file is a permanent failure of this e-mail. */
  private attachments(paths: string[]) {
    const max = this.cfg.therapist.pdfMaxBytes;
    return paths.map((p) => {
      let size: number;
      try {
        size = fs.statSync(p).size;
      } catch {
        throw new PermanentSendError(`Anhang fehlt: ${path.basename(p)}`);
      }
      if (size > max) throw new PermanentSendError(`Anhang zu groß (max. ${max} Bytes): ${path.basename(p)}`);
      return { filename: path.basename(p), path: p, contentType: "application/pdf" };
    });
  }

  /**
   * Marks accepted e-mails Gesendet, each with its `email.sent` event, in one transaction per batch. The
   * update is conditional, so an e-mail already marked by another sender is skipped: never marked twice.
   * If this fails (or the process dies first) the e-mails stay Wird_gesendet and the lease brings them back;
   * they are resent with the same Message-ID.
   */
  private async markSent(accepted: Row[]): Promise<number> {
    if (!accepted.length) return 0;
    try {
      return await this.db.transaction(async (t) => {
        const rows = await this.db.query<Row>(
          `UPDATE ${E} SET status = 'Gesendet', gesendet_am = now(), sendevorgang_seit = NULL, sende_token = NULL,
                  naechster_versuch_am = NULL, updated_at = now()
            WHERE id = ANY(:ids::int[]) AND status = 'Wird_gesendet' RETURNING id, patient_id, therapist_id, gesendet_am`,
          {
            replacements: { ids: `{${accepted.map((e) => e.id).join(",")}}` },
            type: QueryTypes.SELECT,
            transaction: t,
          },
        );
        await writeEvents(
          t,
          rows.map((u) => ({ eventType: "email.sent", producer: "communication", payload: sentPayload(u) })),
        );
        return rows.length;
      });
    } catch (err) {
      this.logger.error(`${accepted.length} e-mails sent but not marked: ${(err as Error).message}`);
      return 0;
    }
  }

  private async markFailed(e: Row, err: Error & SendFailure) {
    const attempts = e.wiederholungsanzahl + 1;
    const failure = { responseCode: err.responseCode, permanent: err instanceof PermanentSendError };
    const d = afterFailure(attempts, failure, {
      maxRetries: this.cfg.communication.maxRetries,
      baseSeconds: this.cfg.communication.retryBaseSeconds,
    });
    // Fenced by the claim token: a sender whose lease ran out cannot undo the claim of the one that took over.
    await this.db.query(
      `UPDATE ${E} SET status = :status, wiederholungsanzahl = :attempts, fehlermeldung = :message,
              sendevorgang_seit = NULL, sende_token = NULL,
              naechster_versuch_am = CASE WHEN :retry::int IS NULL THEN NULL ELSE now() + make_interval(secs => :retry::int) END,
              updated_at = now()
        WHERE id = :id AND status = 'Wird_gesendet' AND sende_token = :token`,
      {
        replacements: {
          id: e.id,
          token: e.sende_token,
          attempts,
          status: d.status,
          retry: d.retryInSeconds,
          message: String(err.message ?? err).slice(0, 2000),
        },
      },
    );
    this.logger.warn(`e-mail ${e.id} not sent (attempt ${attempts}, now ${d.status}): ${err.message}`);
  }
}

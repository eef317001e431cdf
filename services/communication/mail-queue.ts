import * as fs from "node:fs";
import * as path from "node:path";
import nodemailer from "nodemailer";
import type { ServiceBroker } from "moleculer";
import { QueryTypes, type Sequelize } from "sequelize";
import type { AppConfig } from "../../config";
import { writeEvent } from "../../mixins/outbox";

type Row = Record<string, any>;
type Transport = {
  sendMail(m: Record<string, unknown>): Promise<{ message?: Buffer | string; messageId?: string }>;
};

/** SMTP when configured; otherwise a local sink writing .eml files, so nothing leaves the machine. */
export function createTransport(cfg: AppConfig): { transport: Transport; sinkDir: string | null } {
  if (cfg.communication.smtpUrl)
    return { transport: nodemailer.createTransport(cfg.communication.smtpUrl) as Transport, sinkDir: null };
  const sinkDir = cfg.communication.mailSinkDir ?? path.resolve(cfg.core.dataDir, "mail");
  fs.mkdirSync(sinkDir, { recursive: true });
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    sinkDir,
    transport: {
      async sendMail(m) {
        const info = (await stream.sendMail(m)) as { message: Buffer; messageId: string };
        const safe = String(info.messageId).replace(/[^\w.@-]/g, "_");
        fs.writeFileSync(path.join(sinkDir, `${Date.now()}-${safe}.eml`), info.message);
        return info;
      },
    },
  };
}

/**
 * Works the e-mail queue: several nodes claim disjoint batches with SKIP LOCKED; a send is marked sent once;
 * an e-mail left in Wird_gesendet by a crashed sender is retried after a lease with the same Message-ID.
 */
export class MailQueue {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<number> | null = null;

  constructor(
    private readonly broker: ServiceBroker,
    private readonly db: Sequelize,
    private readonly cfg: AppConfig,
    private readonly transport: Transport,
  ) {}

  start() {
    this.timer = setInterval(() => void this.run(), this.cfg.communication.queueIntervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.busy?.catch(() => undefined);
  }

  run(): Promise<number> {
    this.busy ??= this.work().finally(() => (this.busy = null));
    return this.busy;
  }

  private async work(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      if (!batch.length) return sent;
      await Promise.all(batch.map(async (e) => (sent += (await this.deliver(e)) ? 1 : 0)));
    }
  }

  private claim(): Promise<Row[]> {
    return this.db.query<Row>(
      `UPDATE communication_service.emails SET status = 'Wird_gesendet', sendevorgang_seit = now(), updated_at = now()
        WHERE id IN (
          SELECT id FROM communication_service.emails
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

  private async deliver(e: Row): Promise<boolean> {
    try {
      await this.transport.sendMail({
        messageId: e.message_id,
        from: { name: e.absender_name, address: e.absender_email },
        to: { name: e.empfaenger_name, address: e.empfaenger_email },
        subject: e.betreff,
        text: e.inhalt_text,
        html: e.inhalt_html,
        attachments: (e.attachments ?? []).map((p: string) => ({
          filename: path.basename(p),
          path: p,
          contentType: "application/pdf",
        })),
      });
    } catch (err) {
      await this.failed(e, (err as Error).message);
      return false;
    }
    await this.db.transaction(async (t) => {
      const [u] = await this.db.query<Row>(
        `UPDATE communication_service.emails SET status = 'Gesendet', gesendet_am = now(), fehlermeldung = NULL,
                sendevorgang_seit = NULL, updated_at = now()
          WHERE id = :id AND status = 'Wird_gesendet' RETURNING id, patient_id, therapist_id, gesendet_am`,
        { replacements: { id: e.id }, type: QueryTypes.SELECT, transaction: t },
      );
      if (!u) return; // already marked by another sender: never twice
      await writeEvent(t, {
        eventType: "email.sent",
        producer: "communication",
        payload: {
          email_id: u.id,
          patient_id: u.patient_id,
          therapist_id: u.therapist_id,
          sent_at: u.gesendet_am.toISOString(),
        },
      });
    });
    return true;
  }

  private async failed(e: Row, message: string) {
    const attempts = e.wiederholungsanzahl + 1;
    const final = attempts > this.cfg.communication.maxRetries;
    await this.db.query(
      `UPDATE communication_service.emails
          SET status = :status, wiederholungsanzahl = :attempts, fehlermeldung = :message, sendevorgang_seit = NULL,
              naechster_versuch_am = now() + make_interval(secs => :backoff), updated_at = now()
        WHERE id = :id AND status = 'Wird_gesendet'`,
      {
        replacements: {
          id: e.id,
          attempts,
          message: message.slice(0, 2000),
          status: final ? "Fehlgeschlagen" : "In_Warteschlange",
          backoff: Math.min(this.cfg.communication.retryBaseSeconds * 2 ** (attempts - 1), 3600),
        },
      },
    );
    this.broker.logger.warn(`e-mail ${e.id} failed (attempt ${attempts}): ${message}`);
  }
}

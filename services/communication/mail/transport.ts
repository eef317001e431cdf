import * as fs from "node:fs";
import * as path from "node:path";
import nodemailer from "nodemailer";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- nodemailer's URL parser has no typings
const { parseConnectionUrl } = require("nodemailer/lib/shared") as {
  parseConnectionUrl(url: string): Record<string, unknown>;
};
import type { AppConfig } from "../../../config";
import { SINK_DIR_MODE, SINK_FILE_MODE, sinkBaseName } from "./sink-files";

export interface OutgoingMail {
  messageId?: string;
  from: { name: string; address: string } | string;
  to: { name: string; address: string } | string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; path: string; contentType: string }[];
  headers?: Record<string, string>;
}

export interface MailTransport {
  sendMail(m: OutgoingMail): Promise<unknown>;
  close(): void;
  /** Folder of the local catch-all, or null when a real SMTP server is configured. */
  readonly sinkDir: string | null;
}

/** The folder of the local catch-all (embedded default). */
export const sinkFolder = (cfg: AppConfig) =>
  cfg.communication.mailSinkDir ?? path.resolve(cfg.core.dataDir, "mail");

/**
 * SMTP when SMTP_URL is set (host, port, TLS via smtps:// or STARTTLS, user:password), pooled connections
 * and timeouts well below the sending lease, so a hung connection never outlives the claim of its e-mail.
 */
function smtpTransport(cfg: AppConfig): MailTransport {
  const c = cfg.communication;
  const timeout = Math.min(c.smtpTimeoutMs, Math.max(1000, (c.sendingLeaseSeconds * 1000) / 3));
  const t = nodemailer.createTransport({
    ...parseConnectionUrl(c.smtpUrl!),
    pool: true,
    maxConnections: c.smtpPoolSize,
    maxMessages: Infinity,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: c.smtpTlsRejectUnauthorized },
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return { sendMail: (m) => t.sendMail(m), close: () => t.close(), sinkDir: null };
}

/**
 * Without SMTP_URL nothing leaves the machine: each message is written as a .eml file (openable in any mail
 * program) plus a small .json index entry that the admin listing shows.
 */
function sinkTransport(cfg: AppConfig): MailTransport {
  const dir = sinkFolder(cfg);
  fs.mkdirSync(dir, { recursive: true, mode: SINK_DIR_MODE });
  try {
    // Whole e-mails about patients: for the service's user only (an existing folder is tightened too).
    fs.chmodSync(dir, SINK_DIR_MODE);
  } catch {
    // A folder of another owner (a mounted share): its files are still written 0600.
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    sinkDir: dir,
    close: () => undefined,
    async sendMail(m) {
      const info = (await stream.sendMail(m)) as unknown as { message: Buffer; messageId: string };
      const base = sinkBaseName(new Date(), info.messageId);
      const own = { mode: SINK_FILE_MODE };
      await fs.promises.writeFile(path.join(dir, `${base}.eml`), info.message, own);
      const address = (a: OutgoingMail["to"]) => (typeof a === "string" ? a : a.address);
      await fs.promises.writeFile(
        path.join(dir, `${base}.json`),
        JSON.stringify({
          file: `${base}.eml`,
          message_id: info.messageId,
          to: address(m.to),
          from: address(m.from),
          subject: m.subject,
          attachments: (m.attachments ?? []).map((a) => a.filename),
          at: new Date().toISOString(),
        }),
        own,
      );
      return info;
    },
  };
}

export const createTransport = (cfg: AppConfig): MailTransport =>
  cfg.communication.smtpUrl ? smtpTransport(cfg) : sinkTransport(cfg);

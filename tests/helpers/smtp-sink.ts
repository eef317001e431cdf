import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
  subject: string | null;
}

/** A real SMTP server on loopback that keeps what it receives (tests read headers, text, attachments). */
export async function startSmtpSink(opts: { failFirst?: number } = {}) {
  const mails: ReceivedMail[] = [];
  let failures = opts.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          return callback(new Error("451 try again later"));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) =>
          new RegExp(`^${name}:\\s*(.+)$`, "mi").exec(raw)?.[1]?.trim() ?? null;
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header("Message-ID"),
          subject: header("Subject"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

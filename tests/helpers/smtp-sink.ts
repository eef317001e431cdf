import { SMTPServer } from "smtp-server";

export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
  /** Decoded subject (RFC 2047 words resolved). */
  subject: string | null;
  /** Decoded text/plain and text/html parts. */
  text: string;
  html: string;
  attachments: ReceivedAttachment[];
  header(name: string): string | null;
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) to text. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string): Buffer {
  const e = encoding.toLowerCase();
  if (e === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64");
  if (e === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1");
  }
  return Buffer.from(body, "utf8");
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

/** Leaf parts of a MIME message (multipart/* walked recursively). */
function leaves(p: Part): Part[] {
  const type = p.headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [p];
  return p.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .flatMap((chunk) => leaves(splitPart(chunk.replace(/^\r?\n/, ""))));
}

export function parseMail(
  raw: string,
): Pick<ReceivedMail, "subject" | "text" | "html" | "attachments" | "header"> {
  const top = splitPart(raw);
  let text = "";
  let html = "";
  const attachments: ReceivedAttachment[] = [];
  for (const leaf of leaves(top)) {
    const type = (leaf.headers.get("content-type") ?? "text/plain").split(";")[0].trim().toLowerCase();
    const content = decodeBody(leaf.body, leaf.headers.get("content-transfer-encoding") ?? "7bit");
    const disposition = leaf.headers.get("content-disposition") ?? "";
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    if (filename || /^attachment/i.test(disposition))
      attachments.push({ filename: decodeWords(filename ?? ""), contentType: type, content });
    else if (type === "text/html") html += content.toString("utf8");
    else if (type === "text/plain") text += content.toString("utf8");
  }
  const header = (name: string) => {
    const v = top.headers.get(name.toLowerCase());
    return v === undefined ? null : decodeWords(v);
  };
  return { subject: header("subject"), text, html, attachments, header };
}

/**
 * A real SMTP server on loopback that keeps what it receives (tests read headers, decoded text, attachments).
 * `failFirst`: refuse that many messages with a temporary 451; `rejectTo`: refuse these recipients with 550.
 */
export async function startSmtpSink(
  opts: {
    failFirst?: number;
    rejectTo?: string[];
    /** Runs after a message is received and kept, before the server answers 250 (crash drills). */
    beforeAccept?: (m: ReceivedMail) => Promise<void>;
  } = {},
) {
  const mails: ReceivedMail[] = [];
  let failures = opts.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 30 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (opts.rejectTo?.includes(address.address)) {
        const err = new Error("Mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          const err = new Error("try again later") as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMail(raw);
        const mail: ReceivedMail = {
          ...parsed,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: parsed.header("message-id"),
        };
        mails.push(mail);
        if (!opts.beforeAccept) return callback();
        opts.beforeAccept(mail).then(
          () => callback(),
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    /** Waits until a mail matching `pred` has arrived. */
    async waitFor(pred: (m: ReceivedMail) => boolean, ms = 15_000): Promise<ReceivedMail> {
      const end = Date.now() + ms;
      for (;;) {
        const m = mails.find(pred);
        if (m) return m;
        if (Date.now() > end) throw new Error("no matching mail arrived");
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

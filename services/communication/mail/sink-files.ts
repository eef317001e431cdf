import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Files of the local mail sink: `<time>-<Message-ID>.eml` plus a `.json` index entry. They hold whole e-mails
 * about patients, so they are written for the service's user only, erased with the patient (GDPR Art. 17) and
 * deleted after their retention period.
 */
export const SINK_FILE_MODE = 0o600;
export const SINK_DIR_MODE = 0o700;

const idPart = (messageId: string) => String(messageId).replace(/[^\w.@-]/g, "_");

/** The base name (without extension) the sink writes a message under. */
export const sinkBaseName = (at: Date, messageId: string) =>
  `${at.toISOString().replace(/[:.]/g, "-")}-${idPart(messageId)}`;

/** Deletes every sink file of the given messages; returns how many messages had files. */
export function removeSinkMessages(dir: string, messageIds: readonly string[]): number {
  if (!messageIds.length || !fs.existsSync(dir)) return 0;
  const suffixes = new Set(messageIds.map((id) => `-${idPart(id)}`));
  const found = new Set<string>();
  for (const f of fs.readdirSync(dir)) {
    const base = f.replace(/\.(eml|json)$/, "");
    // The base is "<24-character time>-<id part>".
    const suffix = base.slice(24);
    if (base === f || !suffixes.has(suffix)) continue;
    fs.rmSync(path.join(dir, f), { force: true });
    found.add(suffix);
  }
  return found.size;
}

/** Deletes sink files older than `days` (0 keeps them); returns how many files went. */
export function purgeSink(dir: string, now: number, days: number): number {
  if (days <= 0 || !fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const f of fs.readdirSync(dir)) {
    if (!/\.(eml|json)$/.test(f)) continue;
    const file = path.join(dir, f);
    if (now - fs.statSync(file).mtimeMs < days * 86_400_000) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

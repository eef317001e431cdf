import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export const BACKUP_FORMAT = "therapieplatz-backup/1";
export const KEYS_FORMAT = "therapieplatz-keys/1";

export interface TableEntry {
  schema: string;
  table: string;
  /** Columns in the order of the data file (generated columns are left out: the database computes them). */
  columns: string[];
  rows: number;
  file: string;
  sha256: string;
}

export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  created_at: string;
  app_version: string;
  source: "embedded" | "server";
  /** Applied migrations of the source: the restore rebuilds exactly this schema, then copies the rows in. */
  migrations: string[];
  tables: TableEntry[];
  sequences: { name: string; last_value: string; is_called: boolean }[];
  /** Folders of DATA_DIR by role (pdfs, mail, imports), each restored into the target's folder of that role. */
  file_sets: Record<string, FileEntry[]>;
  /** Which keys decrypt the data: ids and fingerprints only, never key material. */
  keys: { current: string; fingerprints: Record<string, string> };
}

export interface KeyExport {
  format: typeof KEYS_FORMAT;
  created_at: string;
  current: string;
  /** base64 of the 32-byte keys by id. */
  keys: Record<string, string>;
  /** The answer-link secret: links already sent keep working, and the restored nodes pass its start check. */
  answer_link_secret?: string;
  /** The audit chain's key: without it the restored chain cannot be verified. */
  audit_chain_secret?: string;
}

/** Identifies a key without revealing it (a keyed hash, so it cannot be inverted or matched to a passphrase). */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHmac("sha256", key).update("therapieplatz key fingerprint").digest("hex").slice(0, 16);
}

export const sha256File = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const h = crypto.createHash("sha256");
    fs.createReadStream(file)
      .on("error", reject)
      .on("data", (b) => h.update(b))
      .on("end", () => resolve(h.digest("hex")));
  });

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file))
    throw new Error(
      `${dir} is not a complete backup (no manifest.json; an interrupted backup ends in .partial)`,
    );
  const m = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (m.format !== BACKUP_FORMAT)
    throw new Error(`${file}: unknown backup format ${JSON.stringify(m.format)}`);
  return m;
}

/** Health data: backups are readable by their owner only. */
export function writePrivate(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
}

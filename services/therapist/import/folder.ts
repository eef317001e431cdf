import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DATE_FOLDER, PLZ_FILE, type FolderEntry } from "../domain/folder-plan";

export interface FolderFile extends FolderEntry {
  /** Absolute path. */
  file: string;
  /** Stable name for bookkeeping and the status page: `20250115/52062.json`, `_urgent/20250115/52062.json`. */
  key: string;
}

export const urgentFolderOf = (base: string) => `${path.resolve(base)}_urgent`;

/**
 * The therapist import folder (read-only: files are never moved or deleted, the bookkeeping remembers what was
 * imported). `ignored` lists JSON files whose name is not a PLZ.
 */
export class ImportFolder {
  readonly base: string;
  readonly urgent: string;

  constructor(base: string) {
    this.base = path.resolve(base);
    this.urgent = urgentFolderOf(base);
  }

  list(): { files: FolderFile[]; ignored: string[] } {
    const files: FolderFile[] = [];
    const ignored: string[] = [];
    for (const [root, dir, prefix] of [
      ["urgent", this.urgent, "_urgent/"],
      ["regular", this.base, ""],
    ] as const) {
      if (!fs.existsSync(dir)) continue;
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!d.isDirectory() || !DATE_FOLDER.test(d.name)) continue;
        for (const f of fs.readdirSync(path.join(dir, d.name), { withFileTypes: true })) {
          if (!f.isFile() || !/\.json$/i.test(f.name)) continue;
          const m = PLZ_FILE.exec(f.name);
          const key = `${prefix}${d.name}/${f.name}`;
          if (!m) ignored.push(key);
          else files.push({ root, date: d.name, plz: m[1], file: path.join(dir, d.name, f.name), key });
        }
      }
    }
    return { files, ignored };
  }

  /** The bookkeeping name of any file: relative inside the folders, else the absolute path. */
  keyOf(file: string): string {
    const abs = path.resolve(file);
    if (abs.startsWith(this.urgent + path.sep)) return `_urgent/${path.relative(this.urgent, abs)}`;
    if (abs.startsWith(this.base + path.sep)) return path.relative(this.base, abs);
    return abs;
  }
}

/** The SHA-256 of a file, read in pieces (the event loop never hashes a whole large file at once). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

import * as fs from "node:fs";
import * as path from "node:path";
import { pipeline } from "node:stream/promises";
import type { AppConfig } from "../../config";
import { sha256File, type FileEntry } from "./manifest";

/**
 * The folders whose files matter, by role, as this node's configuration places them (the same defaults the
 * services use). The database folder and key files are not among them: the database is dumped, keys travel apart.
 */
export function fileSets(cfg: AppConfig): Record<string, string> {
  const data = cfg.core.dataDir;
  const therapistImport = cfg.therapist.importFolderPath ?? path.resolve(data, "therapist-import");
  return {
    pdfs: cfg.therapist.pdfDir ?? path.resolve(data, "pdfs"),
    mail: cfg.communication.mailSinkDir ?? path.resolve(data, "mail"),
    "patient-imports": cfg.patient.importDir ?? path.resolve(data, "imports", "patients"),
    "therapist-import": therapistImport,
    "therapist-import-urgent": `${therapistImport}_urgent`,
  };
}

function walk(root: string, rel = ""): string[] {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...walk(root, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** Copies every file of `from` into `to`, returning what was copied with its checksum. */
export async function copyTree(from: string, to: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const rel of walk(from)) {
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    await pipeline(fs.createReadStream(path.join(from, rel)), fs.createWriteStream(target, { mode: 0o600 }));
    out.push({
      path: rel.split(path.sep).join("/"),
      size: fs.statSync(target).size,
      sha256: await sha256File(target),
    });
  }
  return out;
}

/** A restore target must not mix the backup's files with others. */
export function isEmptyFolder(dir: string): boolean {
  return !fs.existsSync(dir) || walk(dir).length === 0;
}

/** Restores the listed files into `to`, checking each one's checksum first. */
export async function restoreTree(from: string, to: string, files: FileEntry[]): Promise<void> {
  for (const f of files) {
    const src = path.join(from, ...f.path.split("/"));
    if (!fs.existsSync(src) || (await sha256File(src)) !== f.sha256)
      throw new Error(`${src} is missing or damaged (checksum differs from the manifest)`);
  }
  for (const f of files) {
    const target = path.join(to, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, ...f.path.split("/")), target);
  }
}

/** Top-level entries of DATA_DIR that no backup part covers: named so the operator knows what is left out. */
export function uncovered(dataDir: string, covered: string[]): string[] {
  const data = path.resolve(dataDir);
  if (!fs.existsSync(data)) return [];
  const paths = covered.map((c) => path.resolve(c));
  return fs
    .readdirSync(data)
    .filter(
      (e) => !paths.some((c) => c === path.join(data, e) || c.startsWith(path.join(data, e) + path.sep)),
    )
    .sort();
}

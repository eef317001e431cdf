import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const SUBDIRS = ["processing", "processed", "failed"] as const;

/**
 * The watched registration folder. A file is claimed by renaming it into `processing/` (atomic, so two nodes
 * never import the same file), then moved to `processed/` or to `failed/` next to a `.error.txt` with the
 * reason. Nothing is deleted except kept files past their retention and on GDPR erasure.
 */
/** `registration-<UTC time>-<random>.json`: sortable by arrival, says nothing about the person. */
const neutralName = (now: Date) =>
  `registration-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}-${crypto.randomBytes(4).toString("hex")}.json`;

export class RegistrationInbox {
  constructor(readonly dir: string) {}

  ensure(): void {
    for (const sub of ["", ...SUBDIRS]) fs.mkdirSync(path.join(this.dir, sub), { recursive: true });
  }

  /**
   * JSON files waiting in the folder, oldest first. Hidden files and files changed within `settleMs` are left
   * alone: an upload may still be writing them.
   */
  pending(now: number, settleMs: number): string[] {
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.startsWith(".") && /\.json$/i.test(d.name))
      .map((d) => ({ name: d.name, mtime: fs.statSync(path.join(this.dir, d.name)).mtimeMs }))
      .filter((f) => now - f.mtime >= settleMs)
      .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name))
      .map((f) => f.name);
  }

  /**
   * Takes the file for this node under a neutral name (the dropped file's name may carry the person's name,
   * and it would otherwise live on in processed/, failed/, the import log and the service log); null when
   * another node (or run) was faster.
   */
  claim(name: string, now: Date): string | null {
    const neutral = neutralName(now);
    const target = path.join(this.dir, "processing", neutral);
    try {
      fs.renameSync(path.join(this.dir, name), target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    // The claim time, so a claim left behind by a node that died can be recognised as stale.
    fs.utimesSync(target, now, now);
    return neutral;
  }

  read(name: string): string {
    return fs.readFileSync(path.join(this.dir, "processing", name), "utf8");
  }

  /** Moves a claimed file to processed/; returns where it is now (relative to the folder). */
  succeed(name: string): string {
    return this.moveClaimed(name, "processed");
  }

  /** Moves a claimed file to failed/ and writes the reason next to it; returns where it is now. */
  fail(name: string, error: string, now: Date): string {
    const stored = this.moveClaimed(name, "failed");
    fs.writeFileSync(path.join(this.dir, `${stored}.error.txt`), `${now.toISOString()}\n${error}\n`, "utf8");
    return stored;
  }

  /** Gives a claimed file back untouched (the import could not run, through no fault of the file). */
  release(name: string): void {
    fs.renameSync(
      path.join(this.dir, "processing", name),
      path.join(this.dir, this.freeName(this.dir, name)),
    );
  }

  /** Claims older than `maxAgeMs` (the claiming node stopped mid-import) go back to the folder. */
  recoverStale(now: number, maxAgeMs: number): string[] {
    const dir = path.join(this.dir, "processing");
    const back: string[] = [];
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (now - fs.statSync(file).mtimeMs < maxAgeMs) continue;
      fs.renameSync(file, path.join(this.dir, this.freeName(this.dir, name)));
      back.push(name);
    }
    return back;
  }

  /** Deletes files in processed/ or failed/ older than `days` (0 keeps them): they hold health data in clear. */
  purge(sub: "processed" | "failed", now: number, days: number): number {
    if (days <= 0) return 0;
    const dir = path.join(this.dir, sub);
    if (!fs.existsSync(dir)) return 0;
    let removed = 0;
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (now - fs.statSync(file).mtimeMs >= days * 86_400_000) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** The failed files (relative to the folder) whose content `belongs` says is one person's (GDPR erasure). */
  failedWhere(belongs: (content: string) => boolean): string[] {
    const dir = path.join(this.dir, "failed");
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((n) => !n.endsWith(".error.txt"))
      .filter((n) => belongs(fs.readFileSync(path.join(dir, n), "utf8")))
      .map((n) => `failed/${n}`);
  }

  /** Deletes a kept file (GDPR erasure); refuses paths outside the folder. */
  remove(stored: string): boolean {
    const file = path.resolve(this.dir, stored);
    if (!file.startsWith(path.resolve(this.dir) + path.sep)) return false;
    const existed = fs.existsSync(file);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.error.txt`, { force: true });
    return existed;
  }

  private moveClaimed(name: string, to: "processed" | "failed"): string {
    const target = this.freeName(path.join(this.dir, to), name);
    fs.renameSync(path.join(this.dir, "processing", name), path.join(this.dir, to, target));
    return `${to}/${target}`;
  }

  /** `name`, or `name-2.json`, `name-3.json` … when a file of that name is already there. */
  private freeName(dir: string, name: string): string {
    const ext = path.extname(name);
    const base = name.slice(0, name.length - ext.length);
    let candidate = name;
    for (let i = 2; fs.existsSync(path.join(dir, candidate)); i++) candidate = `${base}-${i}${ext}`;
    return candidate;
  }
}

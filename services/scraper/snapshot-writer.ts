import * as fs from "node:fs";
import * as path from "node:path";
import { mergeSnapshot, type SnapshotFile } from "./domain/snapshot";

/**
 * Writes snapshot files into the therapist import folder as `<base>/<YYYYMMDD>/<PLZ>.json`, each atomically
 * (temporary name, then rename: the folder import never sees half a file). A file of the same day and PLZ
 * from an earlier job is merged, not replaced.
 */
export function writeSnapshots(
  base: string,
  date: string,
  files: SnapshotFile[],
): { plz: string; path: string; therapists: number }[] {
  const dir = path.join(base, date);
  fs.mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const target = path.join(dir, `${f.plz}.json`);
    let content = f.content;
    if (fs.existsSync(target)) {
      try {
        content = mergeSnapshot(JSON.parse(fs.readFileSync(target, "utf8")), f.content);
      } catch {
        // An unreadable earlier file is replaced by the fresh one (its import had failed anyway).
      }
    }
    const tmp = path.join(dir, `.${f.plz}.json.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(content, null, 1));
    fs.renameSync(tmp, target);
    return { plz: f.plz, path: target, therapists: content.therapists.length };
  });
}

import * as fs from "node:fs";
import * as path from "node:path";
import { keyFilePath, loadConfig, processEnv } from "../config";
import { openSource } from "./backup/database";
import { copyTree, fileSets, uncovered } from "./backup/file-sets";
import { exportKeys, fingerprints } from "./backup/keys";
import { BACKUP_FORMAT, writePrivate, type Manifest } from "./backup/manifest";
import { dumpTables } from "./backup/tables";

// `npm run backup -- [--out DIR] [--keys-out DIR]`: a consistent dump of the database plus the files of DATA_DIR
// that matter, in a new folder <out>/therapieplatz-backup-<UTC time>. Keys are written only with --keys-out,
// into their own file in a folder apart from the backups.
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith("--")) throw new Error(`${name} needs a folder`);
  return v;
}

async function main() {
  const args = process.argv.slice(2);
  const out = path.resolve(option(args, "--out") ?? "backups");
  const keysOut = option(args, "--keys-out");
  const cfg = loadConfig(processEnv());
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const name = `therapieplatz-backup-${stamp}`;
  const final = path.join(out, name);
  // Written under .partial and renamed when complete: a folder without the suffix is always a whole backup.
  const work = `${final}.partial`;
  fs.mkdirSync(work, { recursive: true, mode: 0o700 });
  fs.chmodSync(out, 0o700);

  const log = (m: string) => console.error(m);
  const db = await openSource(cfg, log);
  let dumped: Awaited<ReturnType<typeof dumpTables>>;
  try {
    dumped = await dumpTables(db.client, path.join(work, "db"));
  } finally {
    await db.close();
  }
  // Files after the snapshot: a file newer than the snapshot is at worst an orphan, never a dangling reference.
  const sets = fileSets(cfg);
  const files: Manifest["file_sets"] = {};
  for (const [role, dir] of Object.entries(sets))
    files[role] = await copyTree(dir, path.join(work, "files", role));

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    created_at: new Date().toISOString(),
    app_version: (
      JSON.parse(fs.readFileSync(path.resolve(__dirname, "../package.json"), "utf8")) as { version: string }
    ).version,
    source: db.kind,
    ...dumped,
    file_sets: files,
    keys: fingerprints(cfg),
  };
  writePrivate(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  fs.renameSync(work, final);

  const rows = dumped.tables.reduce((n, t) => n + t.rows, 0);
  const fileCount = Object.values(files).reduce((n, f) => n + f.length, 0);
  console.log(`Backup written: ${final}`);
  console.log(`  ${dumped.tables.length} tables, ${rows} rows (${db.kind} database), ${fileCount} files`);
  const key = keyFilePath(cfg.core, cfg.security.keyDir);
  const left = uncovered(cfg.core.dataDir, [
    path.resolve(cfg.core.dataDir, "postgres"),
    key,
    ...Object.values(sets),
  ]);
  if (left.length) console.log(`  not in the backup (not platform data): ${left.join(", ")}`);
  if (keysOut) {
    console.log(
      `Keys written apart: ${exportKeys(cfg, keysOut, out, stamp)} (store it separately from the backups)`,
    );
  } else {
    console.log(
      `  keys are NOT in the backup (key '${manifest.keys.current}', fingerprint ${manifest.keys.fingerprints[manifest.keys.current]}): ` +
        `keep ENCRYPTION_KEY or the key file safe elsewhere, or export them with --keys-out DIR`,
    );
  }
}

main().catch((e) => {
  console.error(`Backup failed: ${(e as Error).message}`);
  process.exit(1);
});

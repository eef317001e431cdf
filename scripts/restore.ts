import * as fs from "node:fs";
import * as path from "node:path";
import { processEnv } from "../config";
import { acquireSequelize, releaseSequelize } from "../mixins/db/connection";
import { createMigrator, discoverMigrations } from "../mixins/db/migrations";
import { openTarget } from "./backup/database";
import { fileSets, isEmptyFolder, restoreTree } from "./backup/file-sets";
import { prepareKeys } from "./backup/keys";
import { configWithoutKeys } from "./config-without-keys";
import { readManifest } from "./backup/manifest";
import { restoreTables } from "./backup/tables";

// `npm run restore -- <backup folder> [--keys <key export>]`: into a NEW DATA_DIR (embedded database) or an
// empty DATABASE_URL, with the files placed where the target's configuration puts them.
async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--keys");
  if (!dir) throw new Error("usage: npm run restore -- <backup folder> [--keys <key export file>]");
  const keysAt = args.indexOf("--keys");
  const keysFile = keysAt === -1 ? undefined : args[keysAt + 1];
  const manifest = readManifest(path.resolve(dir));

  const known = new Set(discoverMigrations().map((m) => m.name));
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new Error(
      `The backup comes from a newer version (migrations ${unknown.join(", ")}): restore with that version`,
    );

  const env = processEnv();
  // Everything that could refuse is checked before anything (a key file included) is written.
  const paths = configWithoutKeys(env);
  if (!paths.core.databaseUrl && fs.existsSync(path.resolve(paths.core.dataDir, "postgres")))
    throw new Error(`${paths.core.dataDir} already has an embedded database: restore into a new DATA_DIR`);
  const sets = fileSets(paths);
  const busy = Object.entries(manifest.file_sets)
    .filter(([role, files]) => files.length && !isEmptyFolder(sets[role] ?? ""))
    .map(([role]) => sets[role]);
  if (busy.length)
    throw new Error(`Target folders are not empty: ${busy.join(", ")} (restore into a new DATA_DIR)`);
  const cfg = prepareKeys(env, manifest, keysFile);

  const db = await openTarget(cfg, (m) => console.error(m));
  try {
    // Exactly the backup's schema; newer migrations of this version run at the next start, on the restored rows.
    const sequelize = acquireSequelize({ ...cfg, core: { ...cfg.core, databaseUrl: db.url } });
    try {
      await createMigrator(sequelize).up({ migrations: manifest.migrations });
    } finally {
      await releaseSequelize(sequelize);
    }
    await restoreTables(db.client, path.resolve(dir), manifest);
  } finally {
    await db.close();
  }
  for (const [role, files] of Object.entries(manifest.file_sets)) {
    if (!files.length) continue;
    if (!sets[role]) throw new Error(`The backup has files of '${role}', which this version does not know`);
    await restoreTree(path.join(path.resolve(dir), "files", role), sets[role], files);
  }
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const fileCount = Object.values(manifest.file_sets).reduce((n, f) => n + f.length, 0);
  console.log(
    `Restored ${rows} rows and ${fileCount} files from ${path.resolve(dir)} (made ${manifest.created_at})`,
  );
  console.log(
    db.kind === "embedded" ? `into ${cfg.core.dataDir}: start it with npm start` : "into DATABASE_URL",
  );
}

main().catch((e) => {
  console.error(`Restore failed: ${(e as Error).message}`);
  process.exit(1);
});

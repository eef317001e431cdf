import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Sequelize } from "sequelize";
import type { AppConfig } from "../../config";
import { sharedFolders } from "../../config/folders";
import { firstValue } from "../crypto/canary";

export const MARKER_FILE = ".therapieplatz-platform";

const readMarker = (file: string): string | null => {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
};

/**
 * The first node writes a marker with the platform's id into each shared folder; a later node that does not
 * find it there sees another folder than the first one did (not shared, issue 18). Returns the warnings.
 */
export async function checkSharedFolders(
  db: Sequelize,
  cfg: AppConfig,
  localServices: readonly string[],
): Promise<string[]> {
  const platformId = (await firstValue(db, "platform-id", crypto.randomUUID()))!;
  const warnings: string[] = [];
  for (const f of sharedFolders(cfg).filter((x) => localServices.includes(x.service))) {
    const file = path.join(f.dir, MARKER_FILE);
    const found = readMarker(file);
    if (found === platformId) continue;
    if (found !== null) {
      warnings.push(`${f.env} (${f.dir}) belongs to another platform: its ${MARKER_FILE} names ${found}`);
      continue;
    }
    const markedBefore = await firstValue(db, `folder:${f.env}`, null);
    if (markedBefore !== null) {
      warnings.push(
        `${f.env} (${f.dir}) is not the folder the platform's other nodes use (${MARKER_FILE} of the first node ` +
          `is missing): mount the same shared folder on every node, or files written on one node are missing on another`,
      );
      continue;
    }
    fs.mkdirSync(f.dir, { recursive: true });
    fs.writeFileSync(file, platformId, { flag: "w", mode: 0o600 });
    await firstValue(db, `folder:${f.env}`, f.dir);
  }
  return warnings;
}

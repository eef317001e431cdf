import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { pipeline } from "node:stream/promises";
import type { Client } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { sha256File, type Manifest, type TableEntry } from "./manifest";

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const qualified = (t: { schema: string; table: string }) => `${ident(t.schema)}.${ident(t.table)}`;
// The migration bookkeeping is recorded as a list in the manifest; the restore rebuilds it by migrating.
const SKIP = new Set(["public.schema_migrations"]);

interface TableInfo {
  schema: string;
  table: string;
  columns: string[];
}

/** Every ordinary table of the platform's schemas with its stored (non-generated) columns, in column order. */
async function listTables(c: Client): Promise<TableInfo[]> {
  const { rows } = await c.query<{ schema: string; table: string; columns: string[] }>(`
    SELECT n.nspname AS schema, cl.relname AS table,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class cl
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE cl.relkind IN ('r', 'p') AND NOT cl.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     GROUP BY n.nspname, cl.relname
     ORDER BY n.nspname, cl.relname`);
  return rows.filter((r) => !SKIP.has(`${r.schema}.${r.table}`));
}

/**
 * Writes every table as a gzipped COPY file into `dir` inside one REPEATABLE READ, READ ONLY transaction: all
 * tables come from the same snapshot (the guarantee pg_dump gives), while the platform keeps working.
 */
export async function dumpTables(
  c: Client,
  dir: string,
): Promise<Pick<Manifest, "migrations" | "tables" | "sequences">> {
  await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const migrations = (
      await c.query<{ name: string }>("SELECT name FROM public.schema_migrations ORDER BY name")
    ).rows.map((r) => r.name);
    const tables: TableEntry[] = [];
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const t of await listTables(c)) {
      const file = `${t.schema}.${t.table}.copy.gz`;
      const target = path.join(dir, file);
      const cols = t.columns.map(ident).join(", ");
      const stream = c.query(copyTo(`COPY ${qualified(t)} (${cols}) TO STDOUT`));
      await pipeline(stream, zlib.createGzip(), fs.createWriteStream(target, { mode: 0o600 }));
      tables.push({
        ...t,
        rows: Number(stream.rowCount),
        file: `db/${file}`,
        sha256: await sha256File(target),
      });
    }
    const { rows: seqs } = await c.query<{ name: string }>(`
      SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
    const sequences: Manifest["sequences"] = [];
    for (const { name } of seqs) {
      const r = await c.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${name}`,
      );
      sequences.push({ name, ...r.rows[0] });
    }
    await c.query("COMMIT");
    return { migrations, tables, sequences };
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function foreignKeyOrder(c: Client, tables: TableEntry[]): Promise<TableEntry[]> {
  const { rows } = await c.query<{ child: string; parent: string }>(`
    SELECT format('%s.%s', cn.nspname, cc.relname) AS child, format('%s.%s', pn.nspname, pc.relname) AS parent
      FROM pg_constraint k
      JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
      JOIN pg_class pc ON pc.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
     WHERE k.contype = 'f' AND k.conrelid <> k.confrelid`);
  const key = (t: TableEntry) => `${t.schema}.${t.table}`;
  const byKey = new Map(tables.map((t) => [key(t), t]));
  const out: TableEntry[] = [];
  const seen = new Set<string>();
  const visit = (k: string, trail: string[]) => {
    if (seen.has(k)) return;
    if (trail.includes(k)) throw new Error(`foreign keys form a cycle: ${[...trail, k].join(" -> ")}`);
    for (const r of rows) if (r.child === k && byKey.has(r.parent)) visit(r.parent, [...trail, k]);
    seen.add(k);
    out.push(byKey.get(k)!);
  };
  for (const t of tables) visit(key(t), []);
  return out;
}

/**
 * Replaces the content of every table with the backup's rows, in one transaction (a failed restore leaves the
 * database as it was). Row triggers are switched off while copying: the rows passed them when first written.
 */
export async function restoreTables(c: Client, dir: string, m: Manifest): Promise<void> {
  const present = new Set((await listTables(c)).map((t) => `${t.schema}.${t.table}`));
  const missing = m.tables.filter((t) => !present.has(`${t.schema}.${t.table}`));
  if (missing.length)
    throw new Error(`the migrated schema lacks tables of the backup: ${missing.map(qualified).join(", ")}`);
  for (const t of m.tables) {
    const file = path.join(dir, t.file);
    if (!fs.existsSync(file) || (await sha256File(file)) !== t.sha256)
      throw new Error(`${file} is missing or damaged (checksum differs from the manifest)`);
  }
  const ordered = await foreignKeyOrder(c, m.tables);
  await c.query("BEGIN");
  try {
    const all = [...present].map((k) => k.split(".")).map(([schema, table]) => qualified({ schema, table }));
    if (all.length) await c.query(`TRUNCATE ${all.join(", ")}`);
    for (const t of ordered) {
      await c.query(`ALTER TABLE ${qualified(t)} DISABLE TRIGGER USER`);
      const cols = t.columns.map(ident).join(", ");
      const sink = c.query(copyFrom(`COPY ${qualified(t)} (${cols}) FROM STDIN`));
      await pipeline(fs.createReadStream(path.join(dir, t.file)), zlib.createGunzip(), sink);
      await c.query(`ALTER TABLE ${qualified(t)} ENABLE TRIGGER USER`);
      if (Number(sink.rowCount) !== t.rows)
        throw new Error(`${qualified(t)}: restored ${sink.rowCount} rows, the backup has ${t.rows}`);
    }
    for (const s of m.sequences)
      await c.query("SELECT setval($1::regclass, $2::bigint, $3)", [s.name, s.last_value, s.is_called]);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

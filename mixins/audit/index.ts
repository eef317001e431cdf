import * as crypto from "node:crypto";
import type { Context } from "moleculer";
import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import { groupFor } from "./group-commit";

export interface AuditEntry {
  action: "read" | "list" | "create" | "update" | "delete" | "export" | "erase" | "override" | string;
  entity: string;
  entity_id?: string | number | null;
  details?: Record<string, unknown>;
}

interface Row {
  id: number;
  at: Date;
  user_id: number | null;
  user_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  alg: string;
}

const GENESIS = "0".repeat(64);
const LOCK = 727276;
export const KEYED = "hmac-sha256";

// The chain's key per database connection, registered at start (mixins/db/startup-checks.ts); never stored in it.
const chainKeys = new WeakMap<Sequelize, string>();
export const useAuditChainKey = (db: Sequelize, secret: string) => void chainKeys.set(db, secret);
function chainKey(db: Sequelize): string {
  const k = chainKeys.get(db);
  if (!k) throw new Error("audit chain key not registered for this database connection");
  return k;
}

/**
 * Link of one entry over its content and the previous entry's link (keys sorted: canonical JSON). Keyed
 * entries use HMAC-SHA256 with the chain secret, so whoever can write the table cannot recompute them.
 */
export function entryHash(
  prevHash: string,
  r: Omit<Row, "id" | "prev_hash" | "hash" | "alg">,
  secret?: string,
): string {
  const canonical = JSON.stringify({
    action: r.action,
    at: new Date(r.at).toISOString(),
    details: sortKeys(r.details ?? {}),
    entity: r.entity,
    entity_id: r.entity_id,
    request_id: r.request_id,
    user_email: r.user_email,
    user_id: r.user_id,
  });
  const h = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", secret);
  return h.update(prevHash).update(canonical).digest("hex");
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

type NewRow = Omit<Row, "id" | "prev_hash" | "hash" | "alg">;

/** Appends rows after the chain's last entry, under the chain lock, in the given transaction. */
async function appendRows(db: Sequelize, rows: NewRow[], tx: Transaction): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(:lock)", { replacements: { lock: LOCK }, transaction: tx });
  const [last] = await db.query<{ hash: string }>(
    "SELECT hash FROM platform.audit_log ORDER BY id DESC LIMIT 1",
    {
      type: QueryTypes.SELECT,
      transaction: tx,
    },
  );
  let prev = last?.hash ?? GENESIS;
  const secret = chainKey(db);
  const values: string[] = [];
  const replacements: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    const hash = entryHash(prev, row, secret);
    values.push(
      `(:at${i}, :user_id${i}, :user_email${i}, :action${i}, :entity${i}, :entity_id${i}, :details${i}, :request_id${i}, :prev${i}, :hash${i}, '${KEYED}')`,
    );
    Object.assign(replacements, {
      [`at${i}`]: row.at,
      [`user_id${i}`]: row.user_id,
      [`user_email${i}`]: row.user_email,
      [`action${i}`]: row.action,
      [`entity${i}`]: row.entity,
      [`entity_id${i}`]: row.entity_id,
      [`details${i}`]: JSON.stringify(row.details),
      [`request_id${i}`]: row.request_id,
      [`prev${i}`]: prev,
      [`hash${i}`]: hash,
    });
    prev = hash;
  });
  await db.query(
    `INSERT INTO platform.audit_log (at, user_id, user_email, action, entity, entity_id, details, request_id, prev_hash, hash, alg)
     VALUES ${values.join(", ")}`,
    { replacements, transaction: tx },
  );
}

/**
 * Appends to the tamper-evident audit log (decisions.md 23): who read or changed which record, when.
 * Appends are serialised so the hash chain stays linear across nodes. Pass the caller's transaction so the
 * entry commits with the change it describes; entries without one (reads, lists) are group-committed with the
 * other requests of this process that arrive meanwhile, and the call returns once the entry is committed.
 */
export async function audit(
  ctx: Context | null,
  db: Sequelize,
  e: AuditEntry,
  t?: Transaction,
): Promise<void> {
  const user = (ctx?.meta as { user?: { id: number; email: string } } | undefined)?.user;
  const row: NewRow = {
    at: new Date(),
    user_id: user?.id ?? null,
    user_email: user?.email ?? null,
    action: e.action,
    entity: e.entity,
    entity_id: e.entity_id === undefined || e.entity_id === null ? null : String(e.entity_id),
    details: e.details ?? {},
    request_id: ctx?.requestID ?? null,
  };
  if (t) return appendRows(db, [row], t);
  await groupFor<NewRow>(db, (rows) => db.transaction((tx) => appendRows(db, rows, tx))).add(row);
}

export interface VerifyResult {
  valid: boolean;
  checked: number;
  first_broken_id?: number;
  reason?: string;
  /** Entries from before the chain was keyed (plain SHA-256). */
  unkeyed?: number;
  /** The newest head anchored outside the database that this check compared against. */
  anchor?: { id: number; at: string } | null;
}

export interface AuditAnchor {
  id: number;
  hash: string;
  at: string;
}

/**
 * Walks the chain from the start and names the first entry whose content or link does not match. Keyed
 * entries are recomputed with the chain secret; a plain entry after a keyed one is a forgery (downgrade). With
 * an anchor (the head written outside the database), deleting the newest entries shows as truncation.
 */
export async function verifyAuditChain(
  db: Sequelize,
  anchor: AuditAnchor | null = null,
): Promise<VerifyResult> {
  const secret = chainKey(db);
  let prev = GENESIS;
  let checked = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  let lastId = 0;
  let anchorHash: string | null = null;
  const broken = (r: Row, reason: string): VerifyResult => ({
    valid: false,
    checked,
    first_broken_id: r.id,
    reason,
    unkeyed,
    anchor: anchor && { id: anchor.id, at: anchor.at },
  });
  for (;;) {
    const rows = await db.query<Row>(
      "SELECT * FROM platform.audit_log WHERE id > :lastId ORDER BY id LIMIT 5000",
      { replacements: { lastId }, type: QueryTypes.SELECT },
    );
    if (!rows.length) break;
    for (const r of rows) {
      if (r.prev_hash !== prev) return broken(r, "link to previous entry broken");
      const keyed = r.alg === KEYED;
      if (!keyed && keyedSeen) return broken(r, "unkeyed entry after keyed ones (rewritten)");
      if (entryHash(prev, r, keyed ? secret : undefined) !== r.hash) return broken(r, "content changed");
      keyedSeen ||= keyed;
      if (!keyed) unkeyed++;
      if (anchor && r.id === anchor.id) anchorHash = r.hash;
      prev = r.hash;
      checked++;
      lastId = r.id;
    }
  }
  const result: VerifyResult = {
    valid: true,
    checked,
    unkeyed,
    anchor: anchor && { id: anchor.id, at: anchor.at },
  };
  if (anchor && anchorHash === null)
    return {
      ...result,
      valid: false,
      reason: `truncated: entry ${anchor.id} was anchored at ${anchor.at}, the chain ends at ${lastId || "no entry"}`,
    };
  if (anchor && anchorHash !== anchor.hash)
    return {
      ...result,
      valid: false,
      first_broken_id: anchor.id,
      reason: "anchored entry differs from its anchor",
    };
  return result;
}

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
}

const GENESIS = "0".repeat(64);
const LOCK = 727276;

/** Hash of one entry over its content and the previous entry's hash (keys sorted: canonical JSON). */
export function entryHash(prevHash: string, r: Omit<Row, "id" | "prev_hash" | "hash">): string {
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
  return crypto.createHash("sha256").update(prevHash).update(canonical).digest("hex");
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

type NewRow = Omit<Row, "id" | "prev_hash" | "hash">;

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
  const values: string[] = [];
  const replacements: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    const hash = entryHash(prev, row);
    values.push(
      `(:at${i}, :user_id${i}, :user_email${i}, :action${i}, :entity${i}, :entity_id${i}, :details${i}, :request_id${i}, :prev${i}, :hash${i})`,
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
    `INSERT INTO platform.audit_log (at, user_id, user_email, action, entity, entity_id, details, request_id, prev_hash, hash)
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
}

/** Walks the chain from the start; names the first entry whose content or link does not match. */
export async function verifyAuditChain(db: Sequelize): Promise<VerifyResult> {
  let prev = GENESIS;
  let checked = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db.query<Row>(
      "SELECT * FROM platform.audit_log WHERE id > :lastId ORDER BY id LIMIT 5000",
      {
        replacements: { lastId },
        type: QueryTypes.SELECT,
      },
    );
    if (!rows.length) return { valid: true, checked };
    for (const r of rows) {
      if (r.prev_hash !== prev)
        return { valid: false, checked, first_broken_id: r.id, reason: "link to previous entry broken" };
      if (entryHash(prev, r) !== r.hash)
        return { valid: false, checked, first_broken_id: r.id, reason: "content changed" };
      prev = r.hash;
      checked++;
      lastId = r.id;
    }
  }
}

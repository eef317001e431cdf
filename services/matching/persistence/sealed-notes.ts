import type { AppConfig } from "../../../config";
import { decryptField, encryptField, isEncrypted } from "../../../mixins/crypto";
import { appendNote } from "../domain/notes";

type Keys = Pick<AppConfig, "keys">;

/**
 * Free-text notes of searches, inquiries and answers may describe a patient's health ("Suizidgedanken
 * erwähnt"): stored encrypted and padded like the patient's health fields (decisions.md 22, issue 11).
 * Plain notes written before are read as they are and sealed by the job `matching.seal-notes`.
 */
export const sealNote = (cfg: Keys, plain: string | null): string | null => encryptField(cfg, plain);
export const openNote = (cfg: Keys, stored: string | null): string | null => decryptField(cfg, stored);

/** Appends a dated line to a stored note log and seals the result. */
export const appendSealed = (
  cfg: Keys,
  stored: string | null,
  text: string,
  author: string,
  at: { date: string; time: string },
): string => encryptField(cfg, appendNote(openNote(cfg, stored), text, author, at))!;

/** Note columns of the matching schema (the data migration below walks them). */
export const NOTE_COLUMNS = [
  { table: "platzsuche", column: "notizen" },
  { table: "therapeutenanfrage", column: "notizen" },
  { table: "therapeut_anfrage_patient", column: "antwortnotizen" },
] as const;

interface Db {
  transaction<T>(fn: (t: unknown) => Promise<T>): Promise<T>;
  query(sql: string, opts: Record<string, unknown>): Promise<unknown>;
}

/**
 * Data migration for notes stored in clear before: seals them in batches (row locks skipped, so several
 * nodes and ongoing writes never block each other). Idempotent; returns how many notes were sealed.
 */
export async function sealPlainNotes(db: Db, cfg: Keys, batch = 500): Promise<number> {
  let sealed = 0;
  for (const { table, column } of NOTE_COLUMNS) {
    for (;;) {
      const n = await db.transaction(async (t) => {
        const [rows] = (await db.query(
          `SELECT id, ${column} AS v FROM matching_service.${table}
            WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'enc:v_:%' LIMIT :batch FOR UPDATE SKIP LOCKED`,
          { replacements: { batch }, transaction: t },
        )) as [{ id: number; v: string }[], unknown];
        for (const r of rows) {
          if (isEncrypted(r.v)) continue;
          await db.query(`UPDATE matching_service.${table} SET ${column} = :v WHERE id = :id`, {
            replacements: { id: r.id, v: sealNote(cfg, r.v) },
            transaction: t,
          });
        }
        return rows.length;
      });
      sealed += n;
      if (n < batch) break;
    }
  }
  return sealed;
}

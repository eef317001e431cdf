import { QueryTypes, type Sequelize, type Transaction } from "sequelize";
import type { Bundle } from "../domain/bundle/types";

const S = "matching_service";

/**
 * Writes a run's inquiries (therapeutenanfrage) and their patient rows in two statements. The id lists travel
 * as bound array parameters ($1…): inlined as replacements, ~100,000 numbers made Sequelize build, escape and
 * scan a multi-megabyte SQL string. Returns the inquiry id per therapist.
 */
export async function insertBundles(
  db: Sequelize,
  bundles: readonly Bundle[],
  t: Transaction,
): Promise<Map<number, number>> {
  const rows = await db.query<{ id: number; therapist_id: number }>(
    `INSERT INTO ${S}.therapeutenanfrage (therapist_id, anfragegroesse, quelle)
     SELECT tid, size, 'automatisch' FROM unnest($1::int[], $2::int[]) AS x(tid, size) RETURNING id, therapist_id`,
    {
      bind: [bundles.map((b) => b.therapist_id), bundles.map((b) => b.patient_ids.length)],
      type: QueryTypes.SELECT,
      transaction: t,
    },
  );
  const idOf = new Map<number, number>();
  for (const r of rows) idOf.set(r.therapist_id, r.id);
  const inquiry: number[] = [];
  const search: number[] = [];
  const patient: number[] = [];
  const position: number[] = [];
  for (const b of bundles) {
    const id = idOf.get(b.therapist_id)!;
    for (let k = 0; k < b.platzsuche_ids.length; k++) {
      inquiry.push(id);
      search.push(b.platzsuche_ids[k]);
      patient.push(b.patient_ids[k]);
      position.push(k + 1);
    }
  }
  await db.query(
    `INSERT INTO ${S}.therapeut_anfrage_patient (therapeutenanfrage_id, platzsuche_id, patient_id, position_in_anfrage)
     SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[])`,
    { bind: [inquiry, search, patient, position], transaction: t },
  );
  return idOf;
}

import type { ServiceSchema } from "moleculer";
import { clock, type Row } from "./context";
import { appendSealed } from "../persistence/sealed-notes";

const S = "matching_service";

/** Keeping unsent inquiries consistent when patients leave them (placement, cancellation, deletion). */
export const WithdrawalMethods: Partial<ServiceSchema> = {
  methods: {
    /**
     * Removes a search from every unsent inquiry (decisions.md 9): the inquiry shrinks, one left empty is
     * cancelled. Returns the ids of inquiries that lost all patients.
     */
    async withdrawFromUnsent(this: any, t: any, searchId: number, reason: string): Promise<number[]> {
      const affected = await this.repo.q(
        `DELETE FROM ${S}.therapeut_anfrage_patient tap USING ${S}.therapeutenanfrage a
          WHERE a.id = tap.therapeutenanfrage_id AND tap.platzsuche_id = :searchId
            AND a.gesendet_datum IS NULL AND a.abgebrochen_am IS NULL
        RETURNING a.id`,
        { searchId },
        t,
      );
      const ids = [...new Set(affected.map((r: Row) => r.id as number))];
      return this.shrinkInquiries(t, ids, reason);
    },

    /** Renumbers positions and updates sizes of the given unsent inquiries (all when ids is null). */
    async shrinkAfterRemoval(this: any, t: any, ids: number[] | null): Promise<number[]> {
      const rows = await this.repo.q(
        `SELECT a.id FROM ${S}.therapeutenanfrage a
          WHERE a.gesendet_datum IS NULL AND a.abgebrochen_am IS NULL
            AND a.anfragegroesse <> (SELECT count(*) FROM ${S}.therapeut_anfrage_patient x WHERE x.therapeutenanfrage_id = a.id)`,
        {},
        t,
      );
      const all = ids ?? rows.map((r: Row) => r.id);
      return this.shrinkInquiries(t, all, "Patient entfernt");
    },

    async shrinkInquiries(this: any, t: any, ids: number[], reason: string): Promise<number[]> {
      const emptied: number[] = [];
      const c = clock(this.config);
      for (const id of ids) {
        await this.repo.exec(
          `UPDATE ${S}.therapeut_anfrage_patient x SET position_in_anfrage = r.pos
             FROM (SELECT id, row_number() OVER (ORDER BY position_in_anfrage) AS pos
                     FROM ${S}.therapeut_anfrage_patient WHERE therapeutenanfrage_id = :id) r
            WHERE x.id = r.id`,
          { id },
          t,
        );
        const [a] = await this.repo.q(
          `UPDATE ${S}.therapeutenanfrage a
              SET anfragegroesse = (SELECT count(*) FROM ${S}.therapeut_anfrage_patient x WHERE x.therapeutenanfrage_id = a.id),
                  updated_at = now()
            WHERE id = :id RETURNING *`,
          { id },
          t,
        );
        if (a && a.anfragegroesse === 0) {
          emptied.push(id);
          await this.repo.exec(
            `UPDATE ${S}.therapeutenanfrage SET abgebrochen_am = now(), notizen = :notes WHERE id = :id`,
            {
              id,
              notes: appendSealed(
                this.config,
                a.notizen,
                `Abgebrochen: keine Patienten mehr (${reason})`,
                "System",
                c,
              ),
            },
            t,
          );
        }
      }
      return emptied;
    },
  },
};

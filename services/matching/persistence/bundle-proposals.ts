import type { Transaction } from "sequelize";
import { randomUUID } from "node:crypto";
import { conflict, notFound } from "../../../mixins/errors";
import type { Bundle } from "../domain/bundle/types";
import type { MatchingRepository } from "./repository";

type Row = Record<string, any>;
const T = "matching_service.buendel_vorschlag";
/** Stored dry runs are kept this long (a proposal from another day is stale anyway: the date is an input). */
const KEEP_DAYS = 7;

export const proposalStale = () =>
  conflict("The data changed since the dry run; start a new dry run and review it", "PROPOSAL_STALE");
export const proposalNotFound = (id: string) => notFound(`Proposal ${id} not found`, "PROPOSAL_NOT_FOUND");
const proposalCommitted = () => conflict("This proposal has already been committed", "PROPOSAL_COMMITTED");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function storeProposal(
  repo: MatchingRepository,
  p: {
    plzPrefix: string | null;
    fingerprint: string;
    bundles: Bundle[];
    ausgelassen: Row;
    therapistsConsidered: number;
    author: string;
  },
): Promise<string> {
  const id = randomUUID();
  await repo.exec(`DELETE FROM ${T} WHERE created_at < now() - make_interval(days => :days)`, {
    days: KEEP_DAYS,
  });
  await repo.exec(
    `INSERT INTO ${T} (id, plz_prefix, fingerprint, buendel, ausgelassen, therapeuten_geprueft, erstellt_von)
     VALUES (:id, :plz, :fp, :buendel::jsonb, :ausgelassen::jsonb, :n, :author)`,
    {
      id,
      plz: p.plzPrefix,
      fp: p.fingerprint,
      buendel: JSON.stringify(
        p.bundles.map((b) => ({
          therapist_id: b.therapist_id,
          platzsuche_ids: b.platzsuche_ids,
          patient_ids: b.patient_ids,
        })),
      ),
      ausgelassen: JSON.stringify(p.ausgelassen),
      n: p.therapistsConsidered,
      author: p.author,
    },
  );
  return id;
}

/** The stored proposal, or 404 for an unknown (or expired) id. */
export async function loadProposal(repo: MatchingRepository, id: unknown): Promise<Row> {
  const sid = String(id ?? "");
  if (!UUID.test(sid)) throw proposalNotFound(sid);
  const [row] = await repo.q(`SELECT * FROM ${T} WHERE id = :id`, { id: sid });
  if (!row) throw proposalNotFound(sid);
  return row;
}

/** Inside the run's transaction: one commit per proposal, also for two clicks at once. */
export async function claimProposal(repo: MatchingRepository, id: string, t: Transaction): Promise<void> {
  const [row] = await repo.q(`SELECT uebernommen_am FROM ${T} WHERE id = :id FOR UPDATE`, { id }, t);
  if (!row) throw proposalNotFound(id);
  if (row.uebernommen_am) throw proposalCommitted();
}

export const assertNotCommitted = (row: Row) => {
  if (row.uebernommen_am) throw proposalCommitted();
};

export async function recordCommit(
  repo: MatchingRepository,
  id: string,
  written: { therapist_id: number; anfrage_id?: number }[],
  t: Transaction,
): Promise<void> {
  await repo.exec(
    `UPDATE ${T} SET uebernommen_am = now(), anfrage_ids = :ids::jsonb WHERE id = :id`,
    {
      id,
      ids: JSON.stringify(Object.fromEntries(written.map((b) => [b.therapist_id, b.anfrage_id]))),
    },
    t,
  );
}

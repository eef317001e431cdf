import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest } from "../../../mixins/errors";
import { writeEvents } from "../../../mixins/outbox";
import { proposeBundles } from "../domain/bundle/engine";
import type {
  Bundle,
  BundleProposal,
  BundleRules,
  BundleSearch,
  BundleTherapist,
} from "../domain/bundle/types";
import { withoutPlaced } from "../domain/candidates";
import { preferenceModel } from "../domain/preferences";
import {
  BUNDLE_THERAPIST_FIELDS,
  loadPreferences,
  searchesWithBudget,
  toBundleSearch,
  toBundleTherapist,
} from "../persistence/bundle-data";
import { insertBundles } from "../persistence/bundle-write";
import { authorOf, clock, type Row } from "./context";
import { inputFingerprint } from "../domain/bundle/fingerprint";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { distanceKmBetween } from "../../shared/geo";
import { dateInZone, daysBetween } from "../../shared/dates";
import { personName } from "../domain/person-name";
import {
  claimProposal,
  assertNotCommitted,
  loadProposal,
  proposalStale,
  recordCommit,
  storeProposal,
} from "../persistence/bundle-proposals";

type Ctx = Context<Record<string, any>, any>;
/** Exclusive for a bundle run's write; manual inquiry creation takes it shared. */
export const RUN_LOCK = 4712;
/** The seeds' flag in front of the automatic run. */
export const BUNDLE_FLAG = "bundle_matching";

/** The automatic bundle run (decisions.md 4, 10, 11; api.md 2-3). */
export const BundleActions: Partial<ServiceSchema> = {
  actions: {
    createBundles: {
      rest: ["POST /buendel/erstellen", "POST /v2/bundles/create"],
      auth: "staff",
      // A national run takes seconds (docs/benchmarks.md P1), close to REQUEST_TIMEOUT_MS; it must not be cut off.
      timeout: 5 * 60_000,
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        if (
          p.plz_prefix !== undefined &&
          p.plz_prefix !== null &&
          !(typeof p.plz_prefix === "string" && /^\d{1,5}$/.test(p.plz_prefix))
        ) {
          throw badRequest("Invalid plz_prefix. Use 1 to 5 digits.");
        }
        for (const f of ["dry_run", "sofort_senden"]) {
          if (p[f] !== undefined && typeof p[f] !== "boolean") throw badRequest(`${f} must be true or false`);
        }
        return this.runBundles(ctx, {
          plzPrefix: p.plz_prefix ?? undefined,
          dryRun: p.dry_run === true,
          send: p.sofort_senden === true,
        });
      },
    },

    getProposal: {
      rest: "GET /buendel/vorschlaege/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await loadProposal(this.repo, ctx.params.id);
        const p = parsePagination(ctx.params);
        const page: Bundle[] = row.buendel.slice(p.offset, p.offset + p.limit);
        return {
          id: row.id,
          plz_prefix: row.plz_prefix,
          erstellt_von: row.erstellt_von,
          created_at: row.created_at.toISOString(),
          uebernommen_am: row.uebernommen_am?.toISOString() ?? null,
          anzahl_buendel: row.buendel.length,
          anzahl_patienten_zuordnungen: row.buendel.reduce(
            (n: number, b: Bundle) => n + b.patient_ids.length,
            0,
          ),
          ausgelassen: row.ausgelassen,
          therapeuten_geprueft: row.therapeuten_geprueft,
          ...paginated(await this.describeBundles(ctx, page, row.anfrage_ids ?? {}), row.buendel.length, p),
        };
      },
    },

    commitProposal: {
      rest: "POST /buendel/vorschlaege/:id/uebernehmen",
      auth: "staff",
      timeout: 5 * 60_000,
      async handler(this: any, ctx: Ctx) {
        if (ctx.params.sofort_senden !== undefined && typeof ctx.params.sofort_senden !== "boolean") {
          throw badRequest("sofort_senden must be true or false");
        }
        const row = await loadProposal(this.repo, ctx.params.id);
        assertNotCommitted(row);
        return this.runBundles(ctx, {
          plzPrefix: row.plz_prefix ?? undefined,
          dryRun: false,
          send: ctx.params.sofort_senden === true,
          proposal: row,
        });
      },
    },
  },

  methods: {
    /** A page of bundles as staff review them: names, phone, distances and waiting times instead of ids. */
    async describeBundles(this: any, ctx: Ctx, bundles: Bundle[], inquiryIds: Record<string, number>) {
      const { today } = clock(this.config);
      const [therapists, patients, searches] = await Promise.all([
        this.therapistsById(
          ctx,
          bundles.map((b) => b.therapist_id),
        ),
        this.patientsById(
          ctx,
          bundles.flatMap((b) => b.patient_ids),
        ),
        this.repo.q(`SELECT id, created_at FROM matching_service.platzsuche WHERE id = ANY(:ids::int[])`, {
          ids: `{${bundles.flatMap((b) => b.platzsuche_ids).join(",")}}`,
        }),
      ]);
      const searchStart = new Map<number, Date>(searches.map((s: Row) => [s.id, s.created_at]));
      const tz = this.config.core.timezone;
      return bundles.map((b) => {
        const t = therapists.get(b.therapist_id);
        return {
          therapist_id: b.therapist_id,
          anfrage_id: inquiryIds[b.therapist_id] ?? null,
          therapeuten_name: t ? personName(t) : null,
          telefon: t?.telefon ?? null,
          email: t?.email ?? null,
          plz: t?.plz ?? null,
          ort: t?.ort ?? null,
          patienten: b.patient_ids.map((id, i) => {
            const pt = patients.get(id);
            const since = searchStart.get(b.platzsuche_ids[i]);
            const km = pt && t ? distanceKmBetween(pt, t) : null;
            return {
              patient_id: id,
              platzsuche_id: b.platzsuche_ids[i],
              name: pt ? `${pt.vorname} ${pt.nachname}` : null,
              plz: pt?.plz ?? null,
              entfernung_km: km === null ? null : Math.round(km * 10) / 10,
              wartezeit_tage: since ? daysBetween(dateInZone(since, tz), today) : null,
            };
          }),
        };
      });
    },

    bundleRules(this: any, today: string): BundleRules {
      const m = this.config.matching;
      return {
        today,
        minSize: m.bundleMinSize,
        maxSize: m.bundleMaxSize,
        weights: {
          waiting: m.bundleWeightWaiting,
          availability: m.bundleWeightAvailability,
          preference: m.bundleWeightPreference,
          distance: m.bundleWeightDistance,
        },
      };
    },

    /**
     * Searches and therapists in the engine's shape. The loaded rows stay inside this method, so they are
     * garbage before the proposal runs (a national run would otherwise propose next to ~1 GB of rows).
     */
    async bundleInput(
      this: any,
      ctx: Ctx,
      plzPrefix: string | undefined,
      today: string,
      lap: (phase: string) => void,
      timings: Record<string, number>,
    ): Promise<{ searches: BundleSearch[]; therapists: BundleTherapist[]; placed: number }> {
      // Therapists load while searches and then their patients do (the database and the decryption overlap).
      const since = (t0: number) => Date.now() - t0;
      const started = Date.now();
      // Settled into a value at once: a failure while the searches still load must not become an unhandled
      // rejection; it is thrown below.
      const therapistLoad = ctx
        .call<Row[], any>("therapist.listForMatching", {
          plz_prefix: plzPrefix,
          fields: BUNDLE_THERAPIST_FIELDS,
        })
        .then(
          (rows) => ({ rows, ms: since(started), error: null }),
          (error: unknown) => ({ rows: [] as Row[], ms: since(started), error }),
        );
      const { open: rows, placed } = withoutPlaced(await searchesWithBudget(this.repo));
      const searchMs = since(started);
      const patients = await this.patientsById(
        ctx,
        rows.map((s: Row) => s.patient_id),
        "matching",
      );
      const patientMs = since(started) - searchMs;
      const { rows: therapistRows, ms: therapistMs, error } = await therapistLoad;
      if (error) throw error;
      lap("laden");
      Object.assign(timings, {
        suchen_laden: searchMs,
        patienten_laden: patientMs,
        therapeuten_laden: therapistMs,
      });
      const searches: BundleSearch[] = [];
      for (const s of rows) {
        const p = patients.get(s.patient_id);
        if (p) searches.push(toBundleSearch(s, p, today, this.config));
      }
      const therapists = therapistRows.map(toBundleTherapist);
      lap("umwandeln");
      return { searches, therapists, placed };
    },

    async runBundles(
      this: any,
      ctx: Ctx,
      o: { plzPrefix?: string; dryRun: boolean; send: boolean; proposal?: Row },
    ) {
      const started = Date.now();
      const phases: Record<string, number> = {};
      let mark = started;
      const lap = (name: string) => {
        const now = Date.now();
        phases[name] = now - mark;
        mark = now;
      };
      const { today } = clock(this.config);
      const loading: Record<string, number> = {};
      const { searches, therapists, placed } = await this.bundleInput(ctx, o.plzPrefix, today, lap, loading);
      const pending = await this.repo.pendingTherapistIds();
      const learned = await loadPreferences(ctx, this.repo, today);
      const prefs = preferenceModel(learned);
      lap("praeferenzen_lernen");
      const rules = this.bundleRules(today);
      // Only a reviewed proposal (stored dry run) and its commit need the fingerprint of the inputs.
      const fingerprint =
        o.dryRun || o.proposal
          ? inputFingerprint({
              plzPrefix: o.plzPrefix ?? null,
              searches,
              therapists,
              pending,
              learned,
              rules,
              placed,
            })
          : null;
      if (o.proposal && fingerprint !== o.proposal.fingerprint) throw proposalStale();
      const proposal: BundleProposal = o.proposal
        ? {
            bundles: o.proposal.buendel,
            ausgelassen: o.proposal.ausgelassen,
            therapists_considered: o.proposal.therapeuten_geprueft,
          }
        : proposeBundles(therapists, searches, pending, rules, prefs);
      lap("vorschlag");
      const skipped = o.proposal
        ? proposal.ausgelassen
        : { ...proposal.ausgelassen, bereits_vermittelt: placed };

      let written = proposal.bundles.map((b) => ({
        therapist_id: b.therapist_id,
        platzsuche_ids: b.platzsuche_ids,
        patient_ids: b.patient_ids,
        anfrage_id: undefined as number | undefined,
      }));
      let proposalId: string | undefined;
      if (o.dryRun) {
        proposalId = await storeProposal(this.repo, {
          plzPrefix: o.plzPrefix ?? null,
          fingerprint: fingerprint!,
          bundles: proposal.bundles,
          ausgelassen: skipped,
          therapistsConsidered: proposal.therapists_considered,
          author: authorOf(ctx.meta),
        });
      } else if (written.length || o.proposal) {
        written = await this.db.transaction(async (t: any) => {
          await this.repo.exec("SELECT pg_advisory_xact_lock(:k)", { k: RUN_LOCK }, t);
          // A run (or manual inquiry) that committed meanwhile: its therapists are pending now and are skipped.
          // A reviewed proposal is committed whole or not at all: anything changed meanwhile is a 409.
          const pending: Set<number> = await this.repo.pendingTherapistIds(t);
          if (o.proposal) {
            await claimProposal(this.repo, o.proposal.id, t);
            if (written.some((b) => pending.has(b.therapist_id))) throw proposalStale();
          }
          const toWrite = written.filter((b) => !pending.has(b.therapist_id));
          if (!toWrite.length) {
            if (o.proposal) await recordCommit(this.repo, o.proposal.id, [], t);
            return [];
          }
          const idOf = await insertBundles(this.db, toWrite, t);
          for (const b of toWrite) b.anfrage_id = idOf.get(b.therapist_id);
          if (o.proposal) await recordCommit(this.repo, o.proposal.id, toWrite, t);
          await writeEvents(
            t,
            toWrite.map((b) => ({
              eventType: "bundle.created",
              producer: "matching",
              payload: { bundle_id: b.anfrage_id, therapist_id: b.therapist_id, patient_ids: b.patient_ids },
            })),
          );
          await audit(
            ctx,
            this.db,
            {
              action: "create",
              entity: "buendel_lauf",
              details: {
                anfragen: toWrite.length,
                plz_prefix: o.plzPrefix ?? null,
                ...(o.proposal ? { vorschlag_id: o.proposal.id } : {}),
              },
            },
            t,
          );
          return toWrite;
        });
      }
      lap("schreiben");
      const sendErrors: Row[] = [];
      if (o.send && !o.dryRun) {
        for (const b of written) {
          try {
            await this.sendInquiry(ctx, b.anfrage_id);
          } catch (e) {
            sendErrors.push({ anfrage_id: b.anfrage_id, error: (e as Error).message });
          }
        }
      }
      const result = {
        message: o.dryRun
          ? `Dry run: ${written.length} bundles proposed`
          : `Created ${written.length} bundles`,
        dry_run: o.dryRun,
        ...(proposalId ? { vorschlag_id: proposalId } : {}),
        ...(o.proposal ? { vorschlag_id: o.proposal.id } : {}),
        anzahl_buendel: written.length,
        anzahl_patienten_zuordnungen: written.reduce((n, b) => n + b.patient_ids.length, 0),
        // Literals without a leading spread: V8 adds fields after a spread slowly (23,000 bundles nationally).
        buendel: written.map((b) =>
          b.anfrage_id
            ? { anfrage_id: b.anfrage_id, therapist_id: b.therapist_id, patient_ids: b.patient_ids }
            : { therapist_id: b.therapist_id, patient_ids: b.patient_ids },
        ),
        ausgelassen: skipped,
        therapeuten_geprueft: proposal.therapists_considered,
        ...(sendErrors.length ? { sendefehler: sendErrors } : {}),
        dauer_ms: Date.now() - started,
        phasen_ms: phases,
        // The three loads run at the same time, so these overlap inside phasen_ms.laden.
        ladezeiten_ms: loading,
      };
      // For /metrics (issue 12.11): one gateway node observes each run, whoever started it.
      this.broker.emit("monitoring.bundleRun", {
        dry_run: result.dry_run,
        dauer_ms: result.dauer_ms,
        anzahl_buendel: result.anzahl_buendel,
        anzahl_patienten_zuordnungen: result.anzahl_patienten_zuordnungen,
      });
      return result;
    },

    /**
     * The weekly job (off by default). It runs only while the feature flag bundle_matching is enabled; a skipped
     * run is recorded with the reason in its job result.
     */
    async scheduledBundleRun(this: any) {
      if (!(await this.featureFlagOnForSystem(BUNDLE_FLAG)))
        return { skipped: true, reason: `feature flag ${BUNDLE_FLAG} is disabled` };
      return this.broker.call("matching.runBundlesInternal", { send: this.config.matching.bundleJobSend });
    },
  },
};

/** Internal entry for the job and the REPL command. */
export const BundleInternalActions: Partial<ServiceSchema> = {
  actions: {
    runBundlesInternal: {
      handler(this: any, ctx: Ctx) {
        return this.runBundles(ctx, {
          plzPrefix: ctx.params.plz_prefix,
          dryRun: ctx.params.dry_run === true,
          send: ctx.params.send === true,
        });
      },
    },
  },
};

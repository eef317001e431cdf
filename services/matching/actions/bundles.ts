import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest } from "../../../mixins/errors";
import { writeEvents } from "../../../mixins/outbox";
import { proposeBundles } from "../domain/bundle/engine";
import type { BundleRules, BundleSearch, BundleTherapist } from "../domain/bundle/types";
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
import { clock, type Row } from "./context";

type Ctx = Context<Record<string, any>, any>;
/** Exclusive for a bundle run's write; manual inquiry creation takes it shared. */
export const RUN_LOCK = 4712;

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
  },

  methods: {
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

    async runBundles(this: any, ctx: Ctx, o: { plzPrefix?: string; dryRun: boolean; send: boolean }) {
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
      const prefs = preferenceModel(await loadPreferences(ctx, this.repo, today));
      lap("praeferenzen_lernen");
      const proposal = proposeBundles(therapists, searches, pending, this.bundleRules(today), prefs);
      lap("vorschlag");

      let written = proposal.bundles.map((b) => ({
        therapist_id: b.therapist_id,
        platzsuche_ids: b.platzsuche_ids,
        patient_ids: b.patient_ids,
        anfrage_id: undefined as number | undefined,
      }));
      if (!o.dryRun && written.length) {
        written = await this.db.transaction(async (t: any) => {
          await this.repo.exec("SELECT pg_advisory_xact_lock(:k)", { k: RUN_LOCK }, t);
          // A run (or manual inquiry) that committed meanwhile: its therapists are pending now and are skipped.
          const pending: Set<number> = await this.repo.pendingTherapistIds(t);
          const toWrite = written.filter((b) => !pending.has(b.therapist_id));
          if (!toWrite.length) return [];
          const idOf = await insertBundles(this.db, toWrite, t);
          for (const b of toWrite) b.anfrage_id = idOf.get(b.therapist_id);
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
              details: { anfragen: toWrite.length, plz_prefix: o.plzPrefix ?? null },
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
        anzahl_buendel: written.length,
        anzahl_patienten_zuordnungen: written.reduce((n, b) => n + b.patient_ids.length, 0),
        // Literals without a leading spread: V8 adds fields after a spread slowly (23,000 bundles nationally).
        buendel: written.map((b) =>
          b.anfrage_id
            ? { anfrage_id: b.anfrage_id, therapist_id: b.therapist_id, patient_ids: b.patient_ids }
            : { therapist_id: b.therapist_id, patient_ids: b.patient_ids },
        ),
        ausgelassen: { ...proposal.ausgelassen, bereits_vermittelt: placed },
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

    /** The weekly job (off by default). */
    scheduledBundleRun(this: any) {
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

import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest } from "../../../mixins/errors";
import { writeEvents } from "../../../mixins/outbox";
import { proposeBundles } from "../domain/bundle/engine";
import type { BundleRules } from "../domain/bundle/types";
import { preferenceModel } from "../domain/preferences";
import {
  loadPreferences,
  searchesWithBudget,
  toBundleSearch,
  toBundleTherapist,
} from "../persistence/bundle-data";
import { clock, type Row } from "./context";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";
/** Exclusive for a bundle run's write; manual inquiry creation takes it shared. */
export const RUN_LOCK = 4712;

/** The automatic bundle run (decisions.md 4, 10, 11; api.md 2-3). */
export const BundleActions: Partial<ServiceSchema> = {
  actions: {
    createBundles: {
      rest: ["POST /buendel/erstellen", "POST /v2/bundles/create"],
      auth: "staff",
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
      const searches = await searchesWithBudget(this.repo);
      lap("suchen_laden");
      const patients = await this.patientsById(
        ctx,
        searches.map((s: Row) => s.patient_id),
        "matching",
      );
      lap("patienten_laden");
      const therapists: Row[] = await ctx.call("therapist.listForMatching", { plz_prefix: o.plzPrefix });
      lap("therapeuten_laden");
      const prefs = preferenceModel(await loadPreferences(ctx, this.repo, today));
      lap("praeferenzen_lernen");
      const input = searches
        .filter((s: Row) => patients.has(s.patient_id))
        .map((s: Row) => toBundleSearch(s, patients.get(s.patient_id)!, today, this.config));
      const bundleTherapists = therapists.map(toBundleTherapist);
      const pending = await this.repo.pendingTherapistIds();
      lap("umwandeln");
      const proposal = proposeBundles(bundleTherapists, input, pending, this.bundleRules(today), prefs);
      lap("vorschlag");

      let written = proposal.bundles.map((b) => ({ ...b, anfrage_id: undefined as number | undefined }));
      if (!o.dryRun && written.length) {
        written = await this.db.transaction(async (t: any) => {
          await this.repo.exec("SELECT pg_advisory_xact_lock(:k)", { k: RUN_LOCK }, t);
          // A run (or manual inquiry) that committed meanwhile: its therapists are pending now and are skipped.
          const pending: Set<number> = await this.repo.pendingTherapistIds(t);
          const toWrite = written.filter((b) => !pending.has(b.therapist_id));
          if (!toWrite.length) return [];
          const ids = await this.repo.q(
            `INSERT INTO ${S}.therapeutenanfrage (therapist_id, anfragegroesse, quelle)
             SELECT * FROM unnest(:tids::int[], :sizes::int[], :q::text[]) RETURNING id, therapist_id`,
            {
              tids: `{${toWrite.map((b) => b.therapist_id).join(",")}}`,
              sizes: `{${toWrite.map((b) => b.patient_ids.length).join(",")}}`,
              q: `{${toWrite.map(() => "automatisch").join(",")}}`,
            },
            t,
          );
          const idOf = new Map<number, number>(ids.map((r: Row) => [r.therapist_id, r.id]));
          const a: number[] = [];
          const s: number[] = [];
          const pa: number[] = [];
          const pos: number[] = [];
          for (const b of toWrite) {
            b.platzsuche_ids.forEach((sid, i) => {
              a.push(idOf.get(b.therapist_id)!);
              s.push(sid);
              pa.push(b.patient_ids[i]);
              pos.push(i + 1);
            });
            b.anfrage_id = idOf.get(b.therapist_id);
          }
          await this.repo.exec(
            `INSERT INTO ${S}.therapeut_anfrage_patient (therapeutenanfrage_id, platzsuche_id, patient_id, position_in_anfrage)
             SELECT * FROM unnest(:a::int[], :s::int[], :p::int[], :pos::int[])`,
            {
              a: `{${a.join(",")}}`,
              s: `{${s.join(",")}}`,
              p: `{${pa.join(",")}}`,
              pos: `{${pos.join(",")}}`,
            },
            t,
          );
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
      return {
        message: o.dryRun
          ? `Dry run: ${written.length} bundles proposed`
          : `Created ${written.length} bundles`,
        dry_run: o.dryRun,
        anzahl_buendel: written.length,
        anzahl_patienten_zuordnungen: written.reduce((n, b) => n + b.patient_ids.length, 0),
        buendel: written.map((b) => ({
          ...(b.anfrage_id ? { anfrage_id: b.anfrage_id } : {}),
          therapist_id: b.therapist_id,
          patient_ids: b.patient_ids,
        })),
        ausgelassen: proposal.ausgelassen,
        therapeuten_geprueft: proposal.therapists_considered,
        ...(sendErrors.length ? { sendefehler: sendErrors } : {}),
        dauer_ms: Date.now() - started,
        phasen_ms: phases,
      };
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

import { haversineKm } from "../../shared/geo";
import { weekdayOfDate } from "../../shared/schedule";
import { proposeBundles } from "../domain/bundle/engine";
import type { BundleSearch } from "../domain/bundle/types";
import { eligibleSearches } from "../domain/candidates";
import { hardConstraintFailure, type SearchForMatching } from "../domain/eligibility";
import { learnPreferences, preferenceModel } from "../domain/preferences";
import { inCooling, selectTherapists } from "../domain/selection";
import type { Operations } from "./operations";
import type { SearchState, TherapistState, World } from "./world";

export type StrategyName = "one_to_one" | "manual" | "bundle" | "bundle_learning";

export interface Strategy {
  name: StrategyName;
  label: string;
  /** Called once per simulated day, before sending, follow-ups, calls and answers. */
  daily(w: World, ops: Operations, day: number): void;
}

const isWorkday = (date: string) => {
  const d = weekdayOfDate(date);
  return d !== "samstag" && d !== "sonntag";
};

/** A search's matching view now: exclusions grow with answers. */
function view(w: World, s: SearchState): SearchForMatching {
  return { ...s.patient.search, excluded_therapist_ids: w.excluded(s) };
}

/**
 * The automatic weekly bundle run (BUNDLE_JOB_CRON: Mondays) with immediate sending, through proposeBundles.
 * Without learning the preference model knows no outcome (every therapist scores the population average).
 */
export function bundleStrategy(learning: boolean): Strategy {
  return {
    name: learning ? "bundle_learning" : "bundle",
    label: learning ? "Bündel + Lernen" : "Bündel (automatisch)",
    daily(w, ops, day) {
      if (day % 7 !== 0) return;
      const today = w.date(day);
      const searches: BundleSearch[] = w.openSearches().map((s) => ({
        ...view(w, s),
        remaining_budget: w.remainingBudget(s),
        zeitliche_verfuegbarkeit: s.patient.zeitliche_verfuegbarkeit,
        attributes: s.patient.attributes,
      }));
      const preference = preferenceModel(learnPreferences(learning ? w.outcomes : []));
      const proposal = proposeBundles(
        w.therapists.map((t) => t.record),
        searches,
        w.pendingIds(),
        { today, ...w.rules.bundle },
        preference,
      );
      for (const b of proposal.bundles) {
        const a = ops.createInquiry(w.byId.get(b.therapist_id)!, b.patient_ids, day);
        w.staff(day, w.params.minutesPerBundleReview, "buendel_pruefen");
        ops.send(a, day);
      }
    },
  };
}

/**
 * Staff building inquiries by hand (domain.md 3.4/3.5): per PLZ prefix the "Therapeuten zur Auswahl" in tier
 * order, for the first therapist with eligible patients an inquiry of up to MAX_ANFRAGE_SIZE through
 * eligibleSearches. Staff time per week is fixed; calls and entered answers take from it first.
 */
export function manualStrategy(staffHoursPerWeek: number): Strategy {
  let prefixes: string[] | null = null;
  const byPrefix = new Map<string, TherapistState[]>();
  let cursor = 0;
  return {
    name: "manual",
    label: `Manuell (${Math.round(staffHoursPerWeek * 10) / 10} h/Woche)`,
    daily(w, ops, day) {
      const today = w.date(day);
      if (!isWorkday(today)) return;
      const digits = w.rules.plzMatchDigits;
      if (!prefixes) {
        for (const t of w.therapists) {
          const key = (t.record.plz ?? "").slice(0, digits);
          byPrefix.set(key, [...(byPrefix.get(key) ?? []), t]);
        }
        prefixes = [...byPrefix.keys()].sort();
      }
      const week = Math.floor(day / 7);
      const dayOfWeek = day % 7; // the run starts on a Monday
      const allowed = (staffHoursPerWeek * 60 * (dayOfWeek + 1)) / 5;
      const cost = w.params.minutesPerManualInquiry;
      let misses = 0;
      // The day's open searches per prefix: answers (which change exclusions) come after the strategy's turn.
      const searchesOf = new Map<string, SearchForMatching[]>();
      if ((w.staffMinutesByWeek[week] ?? 0) + cost <= allowed)
        for (const s of w.openSearches()) {
          const key = s.patient.plz.slice(0, digits);
          const list = searchesOf.get(key);
          if (list) list.push(view(w, s));
          else searchesOf.set(key, [view(w, s)]);
        }
      while ((w.staffMinutesByWeek[week] ?? 0) + cost <= allowed && misses < prefixes.length) {
        const prefix = prefixes[cursor++ % prefixes.length];
        const candidates = searchesOf.get(prefix) ?? [];
        const list = selectTherapists(
          (byPrefix.get(prefix) ?? []).map((t) => t.record),
          w.pendingIds(),
          today,
        );
        let made = false;
        for (const record of candidates.length ? list : []) {
          const { chosen } = eligibleSearches(candidates, record, w.rules.maxAnfrageSize);
          if (chosen.length < w.rules.minAnfrageSize) continue;
          const a = ops.createInquiry(
            w.byId.get(record.id)!,
            chosen.map((s) => s.patient_id),
            day,
          );
          w.staff(day, cost, "manuelle_anfrage");
          ops.send(a, day);
          made = true;
          break;
        }
        misses = made ? 0 : misses + 1;
      }
    },
  };
}

/**
 * The status quo: one patient, one therapist at a time. A patient without an open inquiry asks the nearest
 * therapist not asked yet that passes the hard constraints and is contactable (not cooling, nothing pending).
 */
export function oneToOneStrategy(): Strategy {
  let byLatitude: TherapistState[] | null = null;
  const nearest = new Map<number, TherapistState[]>();
  const skipped = new Map<number, number>();
  const candidatesOf = (w: World, s: SearchState): TherapistState[] => {
    const id = s.patient.id;
    let list = nearest.get(id);
    if (list) return list;
    byLatitude ??= [...w.therapists].sort((a, b) => (a.record.latitude ?? 0) - (b.record.latitude ?? 0));
    const q = s.patient.search;
    const window = q.max_km / 110;
    let lo = 0;
    let hi = byLatitude.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((byLatitude[mid].record.latitude ?? 0) < q.latitude! - window) lo = mid + 1;
      else hi = mid;
    }
    const found: [number, TherapistState][] = [];
    for (let i = lo; i < byLatitude.length; i++) {
      const t = byLatitude[i];
      if ((t.record.latitude ?? 0) > q.latitude! + window) break;
      const d = haversineKm(q.latitude!, q.longitude!, t.record.latitude!, t.record.longitude!);
      if (hardConstraintFailure(q, t.record, d) === null) found.push([d, t]);
    }
    list = found.sort((a, b) => a[0] - b[0] || a[1].record.id - b[1].record.id).map(([, t]) => t);
    nearest.set(id, list);
    return list;
  };
  return {
    name: "one_to_one",
    label: "Eins-zu-eins (Status quo)",
    daily(w, ops, day) {
      const today = w.date(day);
      for (const s of w.openSearches()) {
        if (s.open > 0 || w.remainingBudget(s) <= 0) continue;
        const list = candidatesOf(w, s);
        // Therapists asked once stay asked: the scan starts after the leading ones.
        let first = skipped.get(s.patient.id) ?? 0;
        while (first < list.length && s.asked.has(list[first].record.id)) first++;
        skipped.set(s.patient.id, first);
        let current: SearchForMatching | null = null;
        for (let i = first; i < list.length; i++) {
          const t = list[i];
          if (s.asked.has(t.record.id) || t.open || inCooling(t.record, today)) continue;
          current ??= view(w, s);
          const d = haversineKm(
            current.latitude!,
            current.longitude!,
            t.record.latitude!,
            t.record.longitude!,
          );
          if (hardConstraintFailure(current, t.record, d) !== null) continue;
          s.asked.add(t.record.id);
          ops.send(ops.createInquiry(t, [s.patient.id], day), day);
          break;
        }
      }
    },
  };
}

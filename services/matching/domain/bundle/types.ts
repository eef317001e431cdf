import type { Schedule } from "../../../shared/schedule";
import type { ConstraintFailure, SearchForMatching, TherapistForMatching } from "../eligibility";
import type { SelectableTherapist } from "../selection";

export interface BundleTherapist extends TherapistForMatching, SelectableTherapist {
  plz: string | null;
  arbeitszeiten: Schedule;
}

export interface BundleSearch extends SearchForMatching {
  /** Contacts this search may still use (decisions.md 10). */
  remaining_budget: number;
  zeitliche_verfuegbarkeit: Schedule;
  /** Patient attributes the learned preferences are keyed by. */
  attributes: string[];
}

export interface BundleWeights {
  waiting: number;
  availability: number;
  preference: number;
  distance: number;
}

export interface BundleRules {
  today: string;
  minSize: number;
  maxSize: number;
  weights: BundleWeights;
}

/**
 * Learned acceptance probability of a therapist for a patient (0..1); 0.5 when nothing is known. A model that
 * knows the largest value it can give a therapist says so in `upperBound`, which lets the run skip patients
 * that cannot reach the top; without it every eligible patient is scored.
 */
export type PreferenceModel = ((therapistId: number, attributes: string[]) => number) & {
  upperBound?: (therapistId: number) => number;
};

export interface Bundle {
  therapist_id: number;
  platzsuche_ids: number[];
  patient_ids: number[];
}

export interface BundleProposal {
  bundles: Bundle[];
  ausgelassen: Partial<
    Record<
      ConstraintFailure | "keine_zeitliche_ueberschneidung" | "kein_kontingent" | "zu_wenige_patienten",
      number
    >
  > & {
    ohne_koordinaten: number;
  };
  therapists_considered: number;
}

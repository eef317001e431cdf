/**
 * Everything the simulated world is made of that the platform does not decide: region size, the therapists'
 * behaviour, patient arrivals and staff effort. Each default says where it comes from (docs/simulation.md has
 * the same list with more words). The platform's own rules (cooling, follow-up, budgets, bundle sizes and
 * weights) are not here: they come from config (platform-rules.ts).
 */
export interface ScenarioParameters {
  /** Therapists per PLZ area: ~32,500 in the 116117 directory over the ~8,200 German PLZ. */
  therapistsPerPlz: number;
  /** Fixed therapist count instead of the density (benchmarks); null = density. */
  therapistCount: number | null;
  /** New patients per month in the region; null = `patientsPerTherapistMonth` × therapists. */
  patientsPerMonth: number | null;
  patientsPerTherapistMonth: number;
  /** Weekly chance an unplaced patient leaves (found a place elsewhere, gave up). */
  dropoutPerWeek: number;
  /** Mean new free places per therapist and week that the therapist would give to an inquiry. */
  freePlacesPerWeek: number;
  /** Weeks a free place stays open before the therapist fills it from the own waiting list. */
  placeHoldWeeks: number;
  /** Share of therapists with an e-mail address (the rest are reached by phone only). */
  emailShare: number;
  /** Share of therapists with known phone hours. */
  phoneHoursShare: number;
  /** Mean chance that a therapist answers an inquiry e-mail without a reminder (varies per therapist). */
  answerRate: number;
  /** Mean days until an e-mail answer. */
  answerDelayDays: number;
  /** Chance that a therapist who ignored the inquiry answers the reminder. */
  reminderAnswerRate: number;
  /** Chance that a planned call reaches the therapist, with and without known phone hours. */
  phoneReachWithHours: number;
  phoneReachWithoutHours: number;
  /** Calls staff make for one inquiry before they wait for the stale cancel. */
  callAttempts: number;
  /** Chance that a suitable patient with a free place is accepted (before the therapist's preferences). */
  baseAcceptance: number;
  /** Chance that a therapist avoids a given symptom group, age band, and factor on acceptance when so. */
  avoidSymptomGroupShare: number;
  avoidAgeBandShare: number;
  avoidFactor: number;
  /** Share of therapists preferring one patient gender (factor avoidFactor on the other). */
  genderLeaningShare: number;
  /** Share of therapists running groups who favour group-open patients (factor 1 / avoidFactor capped at 1). */
  groupLeaningShare: number;
  /** Chance that an accepted patient does not come to the first session (nicht_erschienen). */
  noShowRate: number;
  /** Days after sending when staff cancel an inquiry nobody answered. */
  staleAfterDays: number;
  /** Contacts staff add when a search has used its budget (the "Kontaktanfrage"). */
  budgetTopUp: number;
  /** Staff minutes: composing one manual inquiry, one call, entering one answer, reviewing one bundle. */
  minutesPerManualInquiry: number;
  minutesPerCall: number;
  minutesPerEnteredAnswer: number;
  minutesPerBundleReview: number;
  /** Staff hours per week of the manual strategy; null = the hours the learning bundle run used. */
  manualStaffHoursPerWeek: number | null;
  /** Patients searching when the simulation starts, as weeks of arrivals already waiting. */
  backlogWeeks: number;
}

export const DEFAULT_PARAMETERS: Readonly<ScenarioParameters> = Object.freeze({
  therapistsPerPlz: 32_500 / 8_200,
  therapistCount: null,
  patientsPerMonth: null,
  patientsPerTherapistMonth: 0.4,
  dropoutPerWeek: 0.02,
  freePlacesPerWeek: 0.12,
  placeHoldWeeks: 2,
  emailShare: 0.75,
  phoneHoursShare: 0.7,
  answerRate: 0.45,
  answerDelayDays: 3,
  reminderAnswerRate: 0.3,
  phoneReachWithHours: 0.6,
  phoneReachWithoutHours: 0.35,
  callAttempts: 3,
  baseAcceptance: 0.8,
  avoidSymptomGroupShare: 0.15,
  avoidAgeBandShare: 0.2,
  avoidFactor: 0.15,
  genderLeaningShare: 0.1,
  groupLeaningShare: 0.5,
  noShowRate: 0.05,
  staleAfterDays: 21,
  budgetTopUp: 10,
  minutesPerManualInquiry: 15,
  minutesPerCall: 5,
  minutesPerEnteredAnswer: 2,
  minutesPerBundleReview: 1,
  manualStaffHoursPerWeek: null,
  backlogWeeks: 4,
});

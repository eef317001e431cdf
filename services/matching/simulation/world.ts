import { holidayCheckerForPlz } from "../../communication/domain/holidays";
import { stateOfPlz } from "../../communication/domain/plz-state";
import { addDays } from "../../shared/dates";
import type { Booking } from "../../communication/domain/slots";
import type { BundleTherapist } from "../domain/bundle/types";
import { excludedIds, type ExclusionEntry } from "../domain/exclusions";
import type { Outcome } from "../domain/preferences";
import type { SimEvent } from "./events";
import type { ScenarioParameters } from "./parameters";
import type { PlatformRules } from "./platform-rules";
import type { SimPatient } from "./population";
import type { Region, SimTherapist } from "./region";

/** A patient's Platzsuche as the platform keeps it, in one strategy's run. */
export interface SearchState {
  patient: SimPatient;
  status: "aktiv" | "abgebrochen";
  vermittelter_therapeut_id: number | null;
  placedDay: number | null;
  gesamt_angeforderte_kontakte: number;
  verbrauchte_kontakte: number;
  /** Inclusions in unsent inquiries (reserved contacts) and in open (unanswered, uncancelled) ones. */
  unsent: number;
  open: number;
  ausgeschlossene_therapeuten: ExclusionEntry[];
  /** Therapists a one-to-one search has asked already. */
  asked: Set<number>;
}

/** A Therapeutenanfrage in one strategy's run. */
export interface Inquiry {
  id: number;
  therapist: TherapistState;
  patients: number[];
  createdDay: number;
  sentDay: number | null;
  email_id: number | null;
  phone_call_id: number | null;
  reminder_email_id: number | null;
  /** Day the therapist's e-mail answer arrives, if they answer. */
  answerDay: number | null;
  callDay: number | null;
  callAttempts: number;
  answered: boolean;
  cancelled: boolean;
}

export interface TherapistState {
  sim: SimTherapist;
  /** The platform's record; `naechster_kontakt_moeglich` changes with cooling. */
  record: BundleTherapist;
  open: Inquiry | null;
  emailDates: string[];
  bookings: Booking[];
  /** Expiry days of the free places the therapist holds for inquiries. */
  places: number[];
  isHoliday: (date: string) => boolean;
}

/** The state one strategy runs on; built fresh for every strategy from the same region and patients. */
export class World {
  readonly searches = new Map<number, SearchState>();
  readonly therapists: TherapistState[];
  readonly byId = new Map<number, TherapistState>();
  readonly inquiries: Inquiry[] = [];
  readonly events: SimEvent[] = [];
  /** Every recorded outcome, what preference learning reads (decisions.md 11). */
  readonly outcomes: Outcome[] = [];
  private nextMessageId = 1;

  constructor(
    readonly region: Region,
    readonly patients: readonly SimPatient[],
    readonly params: ScenarioParameters,
    readonly rules: PlatformRules,
    readonly startDate: string,
    readonly seed: number,
  ) {
    const holidays = new Map<string, (d: string) => boolean>();
    this.therapists = region.therapists.map((sim) => {
      const plz = sim.record.plz ?? "";
      const key = stateOfPlz(plz) ?? "BUND";
      if (!holidays.has(key)) {
        // feiertagejs converts time zones on every question: the answers of a run are kept.
        const check = holidayCheckerForPlz(plz);
        const known = new Map<string, boolean>();
        holidays.set(key, (date) => {
          let v = known.get(date);
          if (v === undefined) known.set(date, (v = check(date)));
          return v;
        });
      }
      const state: TherapistState = {
        sim,
        record: { ...sim.record },
        open: null,
        emailDates: [],
        bookings: [],
        places: [],
        isHoliday: holidays.get(key)!,
      };
      this.byId.set(sim.record.id, state);
      return state;
    });
  }

  private readonly dates: string[] = [];

  date(day: number): string {
    // Asked many times a day by every step: computed once per day.
    return (this.dates[day] ??= addDays(this.startDate, day));
  }

  messageId(): number {
    return this.nextMessageId++;
  }

  log(e: SimEvent) {
    this.events.push(e);
  }

  /** Staff minutes per simulated week (index = week). */
  readonly staffMinutesByWeek: number[] = [];

  staff(day: number, minutes: number, task: string) {
    if (minutes <= 0) return;
    const week = Math.floor(day / 7);
    this.staffMinutesByWeek[week] = (this.staffMinutesByWeek[week] ?? 0) + minutes;
    this.events.push({ day, type: "staff", minutes, task });
  }

  /** The search's current matching view (exclusions change with answers). */
  excluded(s: SearchState): ReadonlySet<number> {
    return excludedIds(s.ausgeschlossene_therapeuten);
  }

  /** Active searches without a placement (decisions.md 29), in waiting order. */
  openSearches(): SearchState[] {
    const out: SearchState[] = [];
    for (const s of this.searches.values())
      if (s.status === "aktiv" && s.vermittelter_therapeut_id === null) out.push(s);
    return out;
  }

  /** Remaining contact budget as the bundle run reads it (bundle-data.ts: total − used − reserved by unsent). */
  remainingBudget(s: SearchState): number {
    return s.gesamt_angeforderte_kontakte - s.verbrauchte_kontakte - s.unsent;
  }

  /** Therapists with an unanswered, uncancelled inquiry (sent or not): the run skips them. */
  pendingIds(): Set<number> {
    const out = new Set<number>();
    for (const t of this.therapists) if (t.open) out.add(t.record.id);
    return out;
  }
}

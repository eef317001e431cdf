import { addDays, daysBetween } from "../../shared/dates";
import { coolingUntil } from "../domain/notes";
import type { SimEvent } from "./events";
import type { StrategyName } from "./strategies";

export interface StrategyFigures {
  strategy: StrategyName;
  label: string;
  patients: {
    arrived: number;
    placed: number;
    dropped_out: number;
    still_waiting: number;
    never_placed: number;
  };
  /** Kaplan–Meier over patients arriving during the run (drop-out and the end censor); null = not reached. */
  days_to_placement: {
    median: number | null;
    p90: number | null;
    share_within_30_days: number | null;
    median_of_placed: number | null;
  };
  /** Share placed by day n after arrival, n = 0.. */
  placement_curve: number[];
  therapist_contacts: number;
  patient_inclusions: number;
  placements: number;
  placements_per_100_contacts: number | null;
  emails_per_placement: number | null;
  calls_per_placement: number | null;
  answer_rate: number | null;
  conflicts: number;
  patients_accepted_twice: number;
  cooling_violations: number;
  one_per_week_violations: number;
  double_placements: number;
  staff_hours_per_week: number;
  weekly: { placements: number[]; contacts: number[]; staff_hours: number[] };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const round = (v: number | null, digits = 2) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/** Rule checks from the log alone: sends during cooling, inquiry e-mails closer than `minDays`. */
export function ruleViolations(
  events: readonly SimEvent[],
  startDate: string,
  coolingWeeks: number,
  minDays: number,
) {
  const coolingEnds = new Map<number, string>();
  const lastEmail = new Map<number, number>();
  let cooling = 0;
  let onePerWeek = 0;
  for (const e of events) {
    const date = addDays(startDate, e.day);
    if (e.type === "response") coolingEnds.set(e.therapist, coolingUntil(date, coolingWeeks));
    if (e.type === "inquiry_created" || e.type === "inquiry_sent") {
      const until = coolingEnds.get(e.therapist);
      if (until !== undefined && date < until) cooling++;
    }
    if (e.type === "email") {
      const last = lastEmail.get(e.therapist);
      if (last !== undefined && daysBetween(addDays(startDate, last), date) < minDays) onePerWeek++;
      lastEmail.set(e.therapist, e.day);
    }
  }
  return { cooling, onePerWeek };
}

export function figures(
  strategy: StrategyName,
  label: string,
  events: readonly SimEvent[],
  days: number,
  startDate: string,
  rules: { coolingWeeks: number; inquiryEmailMinDays: number },
): StrategyFigures {
  const weeks = Math.ceil(days / 7);
  const weekly = {
    placements: new Array<number>(weeks).fill(0),
    contacts: new Array<number>(weeks).fill(0),
    staff_hours: new Array<number>(weeks).fill(0),
  };
  const arrival = new Map<number, number>();
  const placedDay = new Map<number, number>();
  const dropout = new Map<number, number>();
  const placedCount = new Map<number, number>();
  const acceptedCount = new Map<number, number>();
  let contacts = 0;
  let inclusions = 0;
  let emails = 0;
  let calls = 0;
  let answered = 0;
  let conflicts = 0;
  let placements = 0;
  let staffMinutes = 0;
  const sizeOf = new Map<number, number>();
  for (const e of events) {
    const week = Math.floor(e.day / 7);
    switch (e.type) {
      case "arrival":
        arrival.set(e.patient, e.day);
        break;
      case "dropout":
        dropout.set(e.patient, e.day);
        break;
      case "inquiry_created":
        sizeOf.set(e.inquiry, e.patients.length);
        break;
      case "inquiry_sent":
        contacts++;
        weekly.contacts[week]++;
        inclusions += sizeOf.get(e.inquiry) ?? 0;
        break;
      case "email":
        emails++;
        break;
      case "call":
        calls++;
        break;
      case "response":
        answered++;
        for (const [p, o] of e.outcomes)
          if (o === "angenommen" || o === "in_Sitzungen")
            acceptedCount.set(p, (acceptedCount.get(p) ?? 0) + 1);
        break;
      case "placed":
        placements++;
        weekly.placements[week]++;
        placedCount.set(e.patient, (placedCount.get(e.patient) ?? 0) + 1);
        if (!placedDay.has(e.patient)) placedDay.set(e.patient, e.day);
        break;
      case "conflict":
        conflicts++;
        break;
      case "staff":
        staffMinutes += e.minutes;
        weekly.staff_hours[week] += e.minutes / 60;
        break;
    }
  }
  // Kaplan–Meier: time from arrival to placement, censored by drop-out or the end of the run.
  const placedAt = new Array<number>(days + 1).fill(0);
  const leftAt = new Array<number>(days + 1).fill(0);
  let arrived = 0;
  let placedOfArrived = 0;
  let within30 = 0;
  let observed30 = 0;
  const placedTimes: number[] = [];
  for (const [p, a] of arrival) {
    arrived++;
    const placed = placedDay.get(p);
    if (placed !== undefined) {
      placedOfArrived++;
      placedAt[placed - a]++;
      placedTimes.push(placed - a);
    } else {
      leftAt[(dropout.get(p) ?? days) - a]++;
    }
    if (a + 30 <= days) {
      observed30++;
      if (placed !== undefined && placed - a <= 30) within30++;
    }
  }
  const curve: number[] = [];
  let atRisk = arrived;
  let survival = 1;
  let median: number | null = null;
  let p90: number | null = null;
  for (let t = 0; t <= days; t++) {
    if (atRisk > 0) survival *= 1 - placedAt[t] / atRisk;
    atRisk -= placedAt[t] + leftAt[t];
    curve.push(round(1 - survival, 4)!);
    if (median === null && survival <= 0.5) median = t;
    if (p90 === null && survival <= 0.1) p90 = t;
  }
  placedTimes.sort((a, b) => a - b);
  const violations = ruleViolations(events, startDate, rules.coolingWeeks, rules.inquiryEmailMinDays);
  const dropped = [...dropout.keys()].filter((p) => arrival.has(p)).length;
  return {
    strategy,
    label,
    patients: {
      arrived,
      placed: placedOfArrived,
      dropped_out: dropped,
      still_waiting: arrived - placedOfArrived - dropped,
      never_placed: arrived - placedOfArrived,
    },
    days_to_placement: {
      median,
      p90,
      share_within_30_days: round(ratio(within30, observed30), 4),
      median_of_placed: placedTimes.length ? placedTimes[Math.floor((placedTimes.length - 1) / 2)] : null,
    },
    placement_curve: curve,
    therapist_contacts: contacts,
    patient_inclusions: inclusions,
    placements,
    placements_per_100_contacts: round(ratio(100 * placements, contacts)),
    emails_per_placement: round(ratio(emails, placements)),
    calls_per_placement: round(ratio(calls, placements)),
    answer_rate: round(ratio(answered, contacts), 4),
    conflicts,
    patients_accepted_twice: [...acceptedCount.values()].filter((n) => n > 1).length,
    cooling_violations: violations.cooling,
    one_per_week_violations: violations.onePerWeek,
    double_placements: [...placedCount.values()].filter((n) => n > 1).length,
    staff_hours_per_week: round(staffMinutes / 60 / Math.max(1, weeks))!,
    weekly: { ...weekly, staff_hours: weekly.staff_hours.map((h) => round(h)!) },
  };
}

import { followUpChannel } from "../../communication/domain/follow-up-schedule";
import { inquiryEmailAllowedFrom } from "../../communication/domain/send-window";
import { planCall } from "../../communication/domain/slots";
import { daysBetween } from "../../shared/dates";
import { weekdayOfDate } from "../../shared/schedule";
import { followUpDue } from "../domain/follow-up";
import { withExclusion } from "../domain/exclusions";
import { coolingUntil } from "../domain/notes";
import { acceptanceEffect, evaluateResponse, excludesTherapist, isAccepted } from "../domain/response";
import type { Patientenergebnis } from "../../shared/enums";
import { delayDays, keyed } from "./random";
import { acceptanceChance, newPlaces } from "./region";
import type { Inquiry, SearchState, TherapistState, World } from "./world";

/**
 * The platform's steps as the actions take them (create, send, follow up, call, record a response, cancel),
 * each deciding with the domain functions the services call, on the in-memory World instead of tables.
 * Therapist behaviour comes from keyed draws, so every strategy gets the same answer to the same question.
 */
export class Operations {
  private readonly draw: Record<string, (a: number, b?: number, c?: number) => number>;
  private readonly places: ReturnType<typeof newPlaces>;

  constructor(private readonly w: World) {
    const names = ["answer", "delay", "reminder", "reach", "suitable", "noshow"];
    this.draw = Object.fromEntries(names.map((n) => [n, keyed(w.seed, n)]));
    this.places = newPlaces(w.seed);
  }

  /** Monday: every therapist's new free places; places not used within the hold time are filled elsewhere. */
  newWeek(day: number) {
    const week = Math.floor(day / 7);
    const expiry = day + 7 * this.w.params.placeHoldWeeks;
    for (const t of this.w.therapists) {
      t.places = t.places.filter((d) => d > day);
      for (let k = this.places(t.sim, week); k > 0; k--) t.places.push(expiry);
    }
  }

  arrivals(day: number) {
    for (const p of this.w.patients) {
      if (p.arrivalDay > day || this.w.searches.has(p.id)) continue;
      this.w.searches.set(p.id, {
        patient: p,
        status: "aktiv",
        vermittelter_therapeut_id: null,
        placedDay: null,
        gesamt_angeforderte_kontakte: this.w.rules.defaultContactBudget,
        verbrauchte_kontakte: 0,
        unsent: 0,
        open: 0,
        ausgeschlossene_therapeuten: [],
        asked: new Set(),
      });
      if (p.arrivalDay >= 0) this.w.log({ day, type: "arrival", patient: p.id });
    }
  }

  /** Unplaced patients who leave: the search is closed and the patient leaves every unsent inquiry. */
  dropouts(day: number) {
    for (const s of this.w.searches.values()) {
      if (s.status !== "aktiv" || s.vermittelter_therapeut_id !== null || s.patient.dropoutDay > day)
        continue;
      s.status = "abgebrochen";
      this.withdrawFromUnsent(s, day, "Suche abgebrochen");
      if (s.patient.arrivalDay >= 0) this.w.log({ day, type: "dropout", patient: s.patient.id });
    }
  }

  /** A search with no budget left and nothing open gets a Kontaktanfrage from staff (decisions.md 10). */
  topUps(day: number) {
    const n = this.w.params.budgetTopUp;
    for (const s of this.w.searches.values()) {
      if (s.status !== "aktiv" || s.vermittelter_therapeut_id !== null || s.open > 0) continue;
      if (this.w.remainingBudget(s) > 0 || n <= 0) continue;
      s.gesamt_angeforderte_kontakte += n;
      this.w.log({ day, type: "budget_top_up", patient: s.patient.id, contacts: n });
    }
  }

  createInquiry(t: TherapistState, patientIds: number[], day: number): Inquiry {
    const a: Inquiry = {
      id: this.w.inquiries.length + 1,
      therapist: t,
      patients: [...patientIds],
      createdDay: day,
      sentDay: null,
      email_id: null,
      phone_call_id: null,
      reminder_email_id: null,
      answerDay: null,
      callDay: null,
      callAttempts: 0,
      answered: false,
      cancelled: false,
    };
    this.w.inquiries.push(a);
    t.open = a;
    for (const pid of patientIds) {
      const s = this.w.searches.get(pid)!;
      s.unsent++;
      s.open++;
    }
    this.w.log({ day, type: "inquiry_created", inquiry: a.id, therapist: t.record.id, patients: a.patients });
    return a;
  }

  /**
   * communication.sendInquiry + matching.sendInquiry: an e-mail when the therapist has an address and the
   * one-per-week rule allows one today (else it stays unsent and is tried again), a planned call otherwise.
   */
  send(a: Inquiry, day: number): boolean {
    if (a.sentDay !== null || a.cancelled) return false;
    const t = a.therapist;
    const date = this.w.date(day);
    if (t.record.email) {
      if (inquiryEmailAllowedFrom(t.emailDates, date, this.w.rules.inquiryEmailMinDays) !== null)
        return false;
      a.email_id = this.email(a, day, "anfrage");
      const rate = t.sim.answerRate;
      if (this.draw.answer(t.record.id, day) < rate)
        a.answerDay = day + delayDays(this.draw.delay(t.record.id, day), this.w.params.answerDelayDays);
    } else {
      const slot = this.planCall(t, day);
      if (!slot) return false;
      a.phone_call_id = this.w.messageId();
    }
    a.sentDay = day;
    for (const pid of a.patients) {
      const s = this.w.searches.get(pid)!;
      s.unsent--;
      s.verbrauchte_kontakte++;
    }
    this.w.log({
      day,
      type: "inquiry_sent",
      inquiry: a.id,
      therapist: t.record.id,
      channel: a.email_id ? "email" : "phone_call",
    });
    return true;
  }

  /** Unsent inquiries (the e-mail rule held them back) are tried again. */
  sendWaiting(day: number) {
    for (const t of this.w.therapists) if (t.open && t.open.sentDay === null) this.send(t.open, day);
  }

  private email(a: Inquiry, day: number, kind: "anfrage" | "reminder"): number {
    a.therapist.emailDates.push(this.w.date(day));
    this.w.log({ day, type: "email", inquiry: a.id, therapist: a.therapist.record.id, kind });
    return this.w.messageId();
  }

  /** The next call slot (decisions.md 14) from tomorrow on, booked; the inquiry is called then. */
  private planCall(t: TherapistState, day: number): { date: string; time: string } | null {
    const from = this.w.date(day + 1);
    const slot = planCall(
      t.sim.telefonische_erreichbarkeit,
      t.bookings,
      from,
      t.isHoliday,
      this.w.rules.slots,
    );
    if (!slot) return null;
    t.bookings.push({ date: slot.date, time: slot.time, minutes: this.w.rules.slots.durationMinutes });
    if (t.open) t.open.callDay = day + 1 + daysBetween(from, slot.date);
    return slot;
  }

  /** The daily follow-up job on working days (FOLLOW_UP_CRON): reminder e-mail or call, once per inquiry. */
  followUp(day: number) {
    const date = this.w.date(day);
    const wd = weekdayOfDate(date);
    if (wd === "samstag" || wd === "sonntag") return;
    for (const t of this.w.therapists) {
      const a = t.open;
      if (!a || a.sentDay === null) continue;
      const due = followUpDue(
        {
          gesendet_tag: this.w.date(a.sentDay),
          beantwortet: a.answered,
          abgebrochen: a.cancelled,
          reminder_email_id: a.reminder_email_id,
          phone_call_id: a.phone_call_id,
        },
        date,
        this.w.rules.followUpDays,
      );
      if (!due) continue;
      const channel = followUpChannel(a, t.record);
      if (channel === "reminder") {
        // INQUIRY_EMAIL_TOO_SOON: postponed to a later day.
        if (inquiryEmailAllowedFrom(t.emailDates, date, this.w.rules.inquiryEmailMinDays) !== null) continue;
        a.reminder_email_id = this.email(a, day, "reminder");
        if (a.answerDay === null && this.draw.reminder(t.record.id, day) < this.w.params.reminderAnswerRate)
          a.answerDay = day + delayDays(this.draw.delay(t.record.id, day, 1), 2);
      } else if (channel === "call") {
        if (this.planCall(t, day)) a.phone_call_id = this.w.messageId();
      }
    }
  }

  /** Calls due today: a reached therapist answers on the phone; an unreached one is called again later. */
  calls(day: number) {
    for (const t of this.w.therapists) {
      const a = t.open;
      if (!a || a.callDay !== day) continue;
      a.callDay = null;
      a.callAttempts++;
      this.w.staff(day, this.w.params.minutesPerCall, "anruf");
      const reached = this.draw.reach(t.record.id, day) < t.sim.phoneReach;
      this.w.log({ day, type: "call", inquiry: a.id, therapist: t.record.id, reached });
      if (reached) this.respond(a, day, "phone");
      else if (a.callAttempts < this.w.params.callAttempts) this.planCall(t, day);
    }
  }

  /** E-mail answers arriving today (through the one-click links: no staff time). */
  answers(day: number) {
    for (const t of this.w.therapists) {
      const a = t.open;
      if (a && a.sentDay !== null && a.answerDay !== null && a.answerDay <= day)
        this.respond(a, day, "email");
    }
  }

  /** Inquiries nobody answered `staleAfterDays` after sending: staff cancel them (no cooling starts). */
  stale(day: number) {
    for (const t of this.w.therapists) {
      const a = t.open;
      if (!a || a.sentDay === null || day - a.sentDay < this.w.params.staleAfterDays) continue;
      if (a.callDay !== null && a.callDay >= day) continue;
      this.cancel(a, day, "keine Antwort");
    }
  }

  private cancel(a: Inquiry, day: number, reason: string) {
    a.cancelled = true;
    a.therapist.open = null;
    for (const pid of a.patients) {
      const s = this.w.searches.get(pid)!;
      s.open--;
      if (a.sentDay === null) s.unsent--;
    }
    this.w.log({ day, type: "inquiry_cancelled", inquiry: a.id, therapist: a.therapist.record.id, reason });
  }

  /**
   * The therapist's answer for every patient of the inquiry, recorded like matching.recordResponse: counts,
   * exclusions, first acceptance wins (conflicts otherwise), withdrawal of a placed patient from unsent
   * inquiries, cooling from today.
   */
  respond(a: Inquiry, day: number, via: "email" | "phone") {
    const t = a.therapist;
    const tid = t.record.id;
    t.places = t.places.filter((d) => d > day);
    const outcomes: [number, Patientenergebnis][] = a.patients.map((pid) => {
      const p = this.w.searches.get(pid)!.patient;
      const chance = acceptanceChance(t.sim, p.attributes, this.w.params.baseAcceptance);
      if (this.draw.suitable(tid, pid) >= chance) return [pid, "abgelehnt_nicht_geeignet"];
      if (!t.places.length) return [pid, "abgelehnt_Kapazitaet"];
      if (this.draw.noshow(tid, pid) < this.w.params.noShowRate) return [pid, "nicht_erschienen"];
      t.places.shift();
      return [pid, "angenommen"];
    });
    const { antworttyp } = evaluateResponse(outcomes.map(([, o]) => o));
    a.answered = true;
    t.open = null;
    if (via === "phone") this.w.staff(day, this.w.params.minutesPerEnteredAnswer, "antwort");
    this.w.log({ day, type: "response", inquiry: a.id, therapist: tid, outcomes, via, antworttyp });
    for (const [pid, o] of outcomes) {
      const s = this.w.searches.get(pid)!;
      s.open--;
      this.w.outcomes.push({ therapist_id: tid, accepted: isAccepted(o), attributes: s.patient.attributes });
      if (excludesTherapist(o))
        s.ausgeschlossene_therapeuten = withExclusion(
          s.ausgeschlossene_therapeuten,
          tid,
          `Rejected: ${o}`,
          new Date(`${this.w.date(day)}T12:00:00Z`),
        );
      if (!isAccepted(o)) continue;
      const effect = acceptanceEffect(s, tid);
      if (effect === "placed") {
        s.vermittelter_therapeut_id = tid;
        s.placedDay = day;
        this.w.log({ day, type: "placed", patient: pid, therapist: tid, inquiry: a.id });
        this.withdrawFromUnsent(s, day, `Patient ${pid} vermittelt`);
      } else if (effect === "conflict") {
        // The place was promised to someone already placed: staff tell the therapist, the place stays free.
        t.places.push(day + 7);
        this.w.log({ day, type: "conflict", patient: pid, therapist: tid, inquiry: a.id });
      }
    }
    t.record.naechster_kontakt_moeglich = coolingUntil(this.w.date(day), this.w.rules.coolingWeeks);
  }

  /** decisions.md 9: a placed or leaving patient leaves every unsent inquiry; an empty one is cancelled. */
  private withdrawFromUnsent(s: SearchState, day: number, reason: string) {
    for (const t of this.w.therapists) {
      const a = t.open;
      if (!a || a.sentDay !== null || !a.patients.includes(s.patient.id)) continue;
      a.patients = a.patients.filter((id) => id !== s.patient.id);
      s.unsent--;
      s.open--;
      if (!a.patients.length) {
        a.cancelled = true;
        t.open = null;
        this.w.log({ day, type: "inquiry_cancelled", inquiry: a.id, therapist: t.record.id, reason });
      }
    }
  }
}

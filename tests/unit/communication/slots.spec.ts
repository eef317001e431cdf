import { holidayCheckerForPlz } from "../../../services/communication/domain/holidays";
import { stateOfPlz } from "../../../services/communication/domain/plz-state";
import { freeTimeOn, planCall, type Booking } from "../../../services/communication/domain/slots";
import { normalizeSchedule, type Schedule } from "../../../services/shared/schedule";

const rules = { durationMinutes: 5, defaultTime: "12:00", maxDays: 14 };
const noHoliday = () => false;
const hours = (raw: unknown): Schedule => {
  const r = normalizeSchedule(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
// 2026-11-22 is a Sunday; planning starts "tomorrow", Monday 2026-11-23.
const MONDAY = "2026-11-23";

describe("planning a therapist call (domain.md 3.13, decisions.md 14)", () => {
  it('gives phone hours {"Di": ["8:00-9:00"]} the next Tuesday at 08:00', () => {
    expect(planCall(hours({ Di: ["8:00-9:00"] }), [], MONDAY, noHoliday, rules)).toEqual({
      date: "2026-11-24",
      time: "08:00",
    });
  });

  it("moves past booked slots to the next free 5 minutes", () => {
    const booked: Booking[] = [
      { date: "2026-11-24", time: "08:00", minutes: 5 },
      { date: "2026-11-24", time: "08:05", minutes: 5 },
    ];
    expect(planCall(hours({ Di: ["8:00-9:00"] }), booked, MONDAY, noHoliday, rules)).toEqual({
      date: "2026-11-24",
      time: "08:10",
    });
  });

  it("does not overlap a longer call already planned", () => {
    const booked: Booking[] = [{ date: "2026-11-24", time: "08:00", minutes: 10 }];
    expect(planCall(hours({ Di: ["8:00-9:00"] }), booked, MONDAY, noHoliday, rules)?.time).toBe("08:10");
  });

  it("goes to the next week when the only window is full", () => {
    const full: Booking[] = [{ date: "2026-11-24", time: "08:00", minutes: 60 }];
    expect(planCall(hours({ Di: ["8:00-9:00"] }), full, MONDAY, noHoliday, rules)).toEqual({
      date: "2026-12-01",
      time: "08:00",
    });
  });

  it("skips weekends even when phone hours name them", () => {
    expect(
      planCall(hours({ Sa: ["10:00-11:00"], Mo: ["9:00-10:00"] }), [], "2026-11-28", noHoliday, rules),
    ).toEqual({
      date: "2026-11-30",
      time: "09:00",
    });
  });

  it("skips a public holiday of the practice's state but not the same date in another state", () => {
    // Buß- und Bettag, Wednesday 2026-11-18, is a public holiday in Saxony only.
    const wednesday = hours({ Mi: ["10:00-11:00"] });
    const dresden = holidayCheckerForPlz("01067");
    const aachen = holidayCheckerForPlz("52062");
    expect(planCall(wednesday, [], "2026-11-16", dresden, rules)).toEqual({
      date: "2026-11-25",
      time: "10:00",
    });
    expect(planCall(wednesday, [], "2026-11-16", aachen, rules)).toEqual({
      date: "2026-11-18",
      time: "10:00",
    });
  });

  it("skips nationwide holidays when the PLZ is unknown", () => {
    const unknown = holidayCheckerForPlz(null);
    expect(unknown("2026-12-25")).toBe(true);
    expect(unknown("2026-11-18")).toBe(false);
  });

  it("uses the default time on the next working day without phone hours, stacking calls after it", () => {
    expect(planCall({}, [], "2026-11-21", noHoliday, rules)).toEqual({ date: "2026-11-23", time: "12:00" });
    const booked: Booking[] = [{ date: "2026-11-23", time: "12:00", minutes: 5 }];
    expect(planCall({}, booked, "2026-11-21", noHoliday, rules)).toEqual({
      date: "2026-11-23",
      time: "12:05",
    });
  });

  it("gives up (null) when nothing is free within the planning window", () => {
    const tuesdays: Booking[] = [0, 7].map((d) => ({
      date: d === 0 ? "2026-11-24" : "2026-12-01",
      time: "08:00",
      minutes: 60,
    }));
    expect(
      planCall(hours({ Di: ["8:00-9:00"] }), tuesdays, MONDAY, noHoliday, { ...rules, maxDays: 10 }),
    ).toBeNull();
  });

  it("finds the first free time on a date staff chose", () => {
    const booked: Booking[] = [{ date: "2026-11-24", time: "08:00", minutes: 5 }];
    expect(freeTimeOn("2026-11-24", hours({ Di: ["8:00-9:00"] }), booked, rules)).toBe("08:05");
    expect(freeTimeOn("2026-11-25", hours({ Di: ["8:00-9:00"] }), booked, rules)).toBeNull();
  });
});

describe("federal state from the PLZ", () => {
  it.each([
    ["01067", "SN"],
    ["04109", "SN"],
    ["52062", "NW"],
    ["80331", "BY"],
    ["10115", "BE"],
    ["14467", "BB"],
    ["20095", "HH"],
    ["28195", "HB"],
    ["24103", "SH"],
    ["30159", "NI"],
    ["39104", "ST"],
    ["60311", "HE"],
    ["55116", "RP"],
    ["66111", "SL"],
    ["70173", "BW"],
    ["99084", "TH"],
    ["19053", "MV"],
  ])("%s lies in %s", (plz, state) => expect(stateOfPlz(plz)).toBe(state));

  it("knows no state for a malformed PLZ", () => {
    expect(stateOfPlz("5206")).toBeNull();
    expect(stateOfPlz(null)).toBeNull();
  });
});

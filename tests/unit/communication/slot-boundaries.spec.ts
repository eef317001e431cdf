import { freeTimeOn, planCall, type Booking } from "../../../services/communication/domain/slots";
import { normalizeSchedule, type Schedule } from "../../../services/shared/schedule";

const hours = (raw: unknown): Schedule => {
  const r = normalizeSchedule(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const rules = { durationMinutes: 10, defaultTime: "12:00", maxDays: 14 };
const TUESDAY = "2026-11-24";
const call = (time: string, minutes: number, date = TUESDAY): Booking => ({ date, time, minutes });

describe("where a call fits into phone hours (domain.md 3.13)", () => {
  it("fits a call that ends exactly when the phone hours end", () => {
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-8:10"] }), [], rules)).toBe("08:00");
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-8:20"] }), [call("08:00", 10)], rules)).toBe("08:10");
  });

  it("does not fit a call into a window shorter than the call", () => {
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-8:05"] }), [], rules)).toBeNull();
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-8:15"] }), [call("08:00", 10)], rules)).toBeNull();
  });

  it("starts a call right when the previous one ends, and ends one right when the next starts", () => {
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-9:00"] }), [call("08:00", 15)], rules)).toBe("08:15");
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-9:00"] }), [call("08:10", 15)], rules)).toBe("08:00");
  });

  it("does not place a call that would overlap one starting inside it", () => {
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-9:00"] }), [call("08:05", 5)], rules)).toBe("08:10");
  });

  it("ignores calls planned on other days", () => {
    expect(freeTimeOn(TUESDAY, hours({ Di: ["8:00-9:00"] }), [call("08:00", 60, "2026-11-25")], rules)).toBe(
      "08:00",
    );
  });

  it("uses the second window of the day when the first is full", () => {
    const twoWindows = hours({ Di: ["8:00-8:10", "14:00-15:00"] });
    expect(freeTimeOn(TUESDAY, twoWindows, [call("08:00", 10)], rules)).toBe("14:00");
  });

  it("stacks calls within the hour from the default time when phone hours are unknown, then stops", () => {
    const r = { ...rules, durationMinutes: 30 };
    expect(freeTimeOn(TUESDAY, {}, [], r)).toBe("12:00");
    expect(freeTimeOn(TUESDAY, {}, [call("12:00", 30)], r)).toBe("12:30");
    expect(freeTimeOn(TUESDAY, {}, [call("12:00", 30), call("12:30", 30)], r)).toBeNull();
  });

  it("has no time on a day without phone hours when other days have some", () => {
    expect(freeTimeOn("2026-11-25", hours({ Di: ["8:00-9:00"] }), [], rules)).toBeNull();
  });
});

describe("planning the next call day", () => {
  const never = () => false;

  it("starts on the given day itself when it is a working day with free time", () => {
    expect(planCall(hours({ Di: ["8:00-9:00"] }), [], TUESDAY, never, rules)).toEqual({
      date: TUESDAY,
      time: "08:00",
    });
  });

  it("looks exactly maxDays days ahead, the first day included", () => {
    const mondays = hours({ Mo: ["8:00-9:00"] });
    // From Tuesday the next Monday is the 7th day (index 6).
    expect(planCall(mondays, [], TUESDAY, never, { ...rules, maxDays: 7 })).toEqual({
      date: "2026-11-30",
      time: "08:00",
    });
    expect(planCall(mondays, [], TUESDAY, never, { ...rules, maxDays: 6 })).toBeNull();
  });

  it("skips a holiday and Sundays alike and takes the next working day", () => {
    const holidayTuesday = (d: string) => d === TUESDAY;
    expect(planCall({}, [], TUESDAY, holidayTuesday, rules)).toEqual({ date: "2026-11-25", time: "12:00" });
    expect(planCall({}, [], "2026-11-29", never, rules)).toEqual({ date: "2026-11-30", time: "12:00" });
  });
});

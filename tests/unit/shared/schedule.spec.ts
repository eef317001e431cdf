import {
  describeScheduleGerman,
  normalizeSchedule,
  overlapMinutes,
  weeklyHours,
} from "../../../services/shared/schedule";

describe("schedule normalisation (domain.md 2.3, decisions.md 18)", () => {
  it.each([
    [
      { Di: ["8:00-9:00"], Mo: ["9:00-12:00"] },
      { montag: ["09:00-12:00"], dienstag: ["08:00-09:00"] },
    ],
    [{ monday: ["10:00-12:00"] }, { montag: ["10:00-12:00"] }],
    [{ monday: [{ start: "09:00", end: "12:00" }] }, { montag: ["09:00-12:00"] }],
    [{ "Mo.": "9:10-10:00; 12:00 - 12:50" }, { montag: ["09:10-10:00", "12:00-12:50"] }],
    [{ Freitag: ["08:00 bis 12:00 Uhr"] }, { freitag: ["08:00-12:00"] }],
  ])("turns %j into the canonical form", (input, expected) => {
    expect(normalizeSchedule(input)).toEqual({ ok: true, value: expected });
  });
  it("names the problem in bad input", () => {
    expect(normalizeSchedule({ Feiertag: ["08:00-09:00"] })).toEqual({
      ok: false,
      error: "unknown weekday 'Feiertag'",
    });
    expect(normalizeSchedule({ Mo: ["9-10"] })).toEqual({
      ok: false,
      error: "invalid time range '9-10' on montag",
    });
  });
  it("computes weekly hours, overlap and the German wording", () => {
    const s = { montag: ["09:00-12:00", "11:00-13:00"], mittwoch: ["14:00-18:00"] };
    expect(weeklyHours(s)).toBe(8);
    expect(overlapMinutes(s, { montag: ["12:00-14:00"] })).toBe(60);
    expect(describeScheduleGerman(s)).toBe(
      "Montag: 09:00 bis 12:00 Uhr, 11:00 bis 13:00 Uhr, Mittwoch: 14:00 bis 18:00 Uhr",
    );
  });
});

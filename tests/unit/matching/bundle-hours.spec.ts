import fc from "fast-check";
import { parsedOverlap, parseHours } from "../../../services/matching/domain/bundle/hours";
import { availabilityOverlap } from "../../../services/matching/domain/bundle/scoring";
import { minutesByDay, WEEKDAYS, type Schedule } from "../../../services/shared/schedule";

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.constantFrom(0, 15, 30, 45, 59, 60))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
// Canonical ranges, empty or reversed ones, other spellings parseRange accepts, and garbage.
const range = fc.oneof(
  fc.tuple(hhmm, hhmm).map(([a, b]) => `${a}-${b}`),
  fc.tuple(hhmm, hhmm).map(([a, b]) => `${a} bis ${b} Uhr`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), hhmm).map(([h, b]) => `${h}:10-${b}`),
  fc.constantFrom("", "ab 9", "08:00-12:00-13:00", "24:00-24:00"),
);
const schedule: fc.Arbitrary<Schedule> = fc
  .array(fc.tuple(fc.constantFrom(...WEEKDAYS), fc.array(range, { maxLength: 3 })), { maxLength: 7 })
  .map((days) => Object.fromEntries(days));

describe("bundle hours = shared/schedule.ts", () => {
  it("parses to the merged minutes of minutesByDay", () => {
    fc.assert(
      fc.property(schedule, (s) => {
        const m = minutesByDay(s);
        const parsed = parseHours(s);
        if (m.size === 0) return expect(parsed).toBeNull();
        expect(parsed!.days).toEqual(WEEKDAYS.map((d) => (m.get(d) ?? []).flat()));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the reference's availability share, bit for bit", () => {
    fc.assert(
      fc.property(schedule, schedule, (t, p) => {
        expect(parsedOverlap(parseHours(t), parseHours(p))).toBe(availabilityOverlap(t, p));
      }),
      { numRuns: 3000 },
    );
  });
});

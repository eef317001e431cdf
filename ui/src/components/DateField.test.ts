import { describe, expect, it } from "vitest";
import { parseGermanDate } from "./DateField";
import { formatDate } from "../util/format";
import { weeklyHours } from "./ScheduleEditor";

describe("dates and schedules", () => {
  it("parses TT.MM.JJJJ and refuses impossible dates", () => {
    expect(parseGermanDate("1.2.1990")).toBe("1990-02-01");
    expect(parseGermanDate("29.02.2023")).toBeNull();
    expect(parseGermanDate("1990-02-01")).toBeNull();
  });
  it("shows dates as dd.mm.yyyy", () => {
    expect(formatDate("2024-12-31")).toBe("31.12.2024");
    expect(formatDate(null)).toBe("–");
  });
  it("sums the weekly hours of a schedule, ignoring reversed ranges", () => {
    expect(weeklyHours({ montag: ["09:00-12:30", "14:00-13:00"], freitag: ["08:00-10:00"] })).toBe(5.5);
  });
});

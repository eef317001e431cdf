import { describe, expect, it } from "vitest";
import { phoneHoursText } from "./PhoneHours";

describe("phoneHoursText", () => {
  it("writes the canonical phone hours in weekday order with HH:MM ranges, never as JSON", () => {
    expect(phoneHoursText({ donnerstag: ["12:00-12:30"], montag: ["08:00-09:00", "14:00-15:00"] })).toBe(
      "Mo 08:00–09:00, 14:00–15:00; Do 12:00–12:30",
    );
  });
  it("says when none are known", () => {
    expect(phoneHoursText({})).toBe("keine Telefonzeiten bekannt");
    expect(phoneHoursText(null)).toBe("keine Telefonzeiten bekannt");
    expect(phoneHoursText({ montag: [] })).toBe("keine Telefonzeiten bekannt");
  });
});

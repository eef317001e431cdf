import { linkKey, signAnswer, verifyAnswer } from "../../../services/communication/domain/links";
import { stateOfPlz } from "../../../services/communication/domain/plz-state";
import { planCall } from "../../../services/communication/domain/slots";
import { normalizeSchedule } from "../../../services/shared/schedule";

const rules = { durationMinutes: 5, defaultTime: "12:00", maxDays: 14 };
const noHoliday = () => false;

describe("call slots (domain.md 3.13, decisions.md 14)", () => {
  const hours = normalizeSchedule({ Di: ["8:00-9:00"] });
  it("plans phone hours {Di: 8:00-9:00} on the next Tuesday at 08:00", () => {
    // 2026-11-22 is a Sunday; planning starts tomorrow (Monday)
    expect(planCall(hours.ok ? hours.value : {}, new Set(), "2026-11-23", noHoliday, rules)).toEqual({
      date: "2026-11-24",
      time: "08:00",
    });
  });
  it("moves a booked slot to the next free 5 minutes", () => {
    const booked = new Set(["2026-11-24 08:00", "2026-11-24 08:05"]);
    expect(planCall(hours.ok ? hours.value : {}, booked, "2026-11-23", noHoliday, rules)).toEqual({
      date: "2026-11-24",
      time: "08:10",
    });
  });
  it("skips a public holiday of the practice's state but not of another state", () => {
    // Buß- und Bettag (2026-11-18, a Wednesday) is a holiday in Saxony only
    const wed = normalizeSchedule({ Mi: ["10:00-11:00"] });
    const sachsen = (d: string) => d === "2026-11-18";
    expect(planCall(wed.ok ? wed.value : {}, new Set(), "2026-11-16", sachsen, rules)).toEqual({
      date: "2026-11-25",
      time: "10:00",
    });
    expect(planCall(wed.ok ? wed.value : {}, new Set(), "2026-11-16", noHoliday, rules)).toEqual({
      date: "2026-11-18",
      time: "10:00",
    });
  });
  it("uses the default time on the next working day without phone hours", () => {
    expect(planCall({}, new Set(), "2026-11-21", noHoliday, rules)).toEqual({
      date: "2026-11-23",
      time: "12:00",
    });
  });
  it("derives the federal state from the PLZ", () => {
    expect(stateOfPlz("01067")).toBe("SN");
    expect(stateOfPlz("52062")).toBe("NW");
    expect(stateOfPlz("80331")).toBe("BY");
    expect(stateOfPlz("10115")).toBe("BE");
    expect(stateOfPlz("20095")).toBe("HH");
  });
});

describe("signed answer links (decisions.md 15)", () => {
  const key = linkKey(Buffer.alloc(32, 7));
  const now = 1_800_000_000;
  const token = signAnswer({ a: 12, p: 3, o: "angenommen", e: now + 60 }, key);
  it("accepts a valid token", () => {
    expect(verifyAnswer(token, key, now)).toEqual({
      ok: true,
      claim: { a: 12, p: 3, o: "angenommen", e: now + 60 },
    });
  });
  it("refuses a forged, altered or expired token", () => {
    expect(verifyAnswer(token, linkKey(Buffer.alloc(32, 8)), now)).toEqual({
      ok: false,
      reason: "signature",
    });
    const [, sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ a: 13, p: 3, o: "angenommen", e: now + 60 })).toString(
      "base64url",
    );
    expect(verifyAnswer(`${other}.${sig}`, key, now)).toEqual({ ok: false, reason: "signature" });
    expect(verifyAnswer(token, key, now + 61)).toEqual({ ok: false, reason: "expired" });
    expect(verifyAnswer("garbage", key, now)).toEqual({ ok: false, reason: "malformed" });
  });
});

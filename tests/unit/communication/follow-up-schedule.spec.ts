import { nextRun } from "../../../mixins/scheduler/next-run";
import { FOLLOW_UP_CRON } from "../../../services/communication/domain/follow-up-schedule";

/** Issue 18: the follow-up runs Monday to Friday at 07:00 operator time, as staff and the docs expect. */
describe("follow-up schedule", () => {
  const next = (iso: string) =>
    nextRun({ cron: FOLLOW_UP_CRON, timeZone: "Europe/Berlin" }, new Date(iso)).toISOString();

  it("runs at 07:00 Berlin time on a working day", () => {
    expect(next("2026-12-01T05:00:00Z")).toBe("2026-12-01T06:00:00.000Z"); // Tuesday, winter time
    expect(next("2026-06-02T04:00:00Z")).toBe("2026-06-02T05:00:00.000Z"); // Tuesday, summer time
  });

  it("skips Saturday and Sunday: after Friday's run comes Monday's", () => {
    expect(next("2026-12-04T06:00:01Z")).toBe("2026-12-07T06:00:00.000Z");
    expect(next("2026-12-05T12:00:00Z")).toBe("2026-12-07T06:00:00.000Z");
  });
});

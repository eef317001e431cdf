import { statusesMatching } from "../../../services/communication/domain/status-filter";

describe("e-mail list status filter (issue 12.5)", () => {
  it("counts an e-mail being sent as still queued", () => {
    expect(statusesMatching("In_Warteschlange")).toEqual(["In_Warteschlange", "Wird_gesendet"]);
  });
  it("matches every other status exactly", () => {
    for (const s of ["Entwurf", "Wird_gesendet", "Gesendet", "Fehlgeschlagen"] as const)
      expect(statusesMatching(s)).toEqual([s]);
  });
});

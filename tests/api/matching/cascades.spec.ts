import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

describe("cascades (domain.md 4.4)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      groups: ALL_GROUPS,
      env: { OUTBOX_POLL_MS: "100", EMAIL_QUEUE_INTERVAL_MS: "100000" },
    });
    await loadCentroids(api, ["90402", "90403"]);
  });
  afterAll(() => api.stop());

  it("cancels a blocked therapist's unsent inquiries with the reason, through the blocking event", async () => {
    const t = await createTherapist(api, { plz: "90402", ort: "Nürnberg" });
    for (let i = 0; i < 2; i++)
      await createSearch(api, (await createReadyPatient(api, { plz: "90403", ort: "Nürnberg" })).id);
    const a = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "90",
    });
    expect(a.status).toBe(201);
    await api.staff("PUT", `/api/therapists/${t.id}`, {
      status: "gesperrt",
      sperrgrund: "Praxis geschlossen",
    });
    let detail;
    for (let i = 0; i < 50; i++) {
      detail = await api.staff("GET", `/api/therapeutenanfragen/${a.body.anfrage_id}`);
      if (detail.body.abgebrochen_am) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(detail!.body.abgebrochen_am).toBeTruthy();
    expect(detail!.body.notizen).toContain("Cancelled: Praxis geschlossen");
    // a blocked therapist is no longer selectable
    const sel = await api.staff("GET", "/api/therapeuten-zur-auswahl?plz_prefix=90");
    expect(sel.body.data.map((x: any) => x.id)).not.toContain(t.id);
    const unblock = await api.staff("POST", "/api/matching/cascade/therapist-unblocked", {
      therapist_id: t.id,
    });
    expect(unblock.body).toEqual({ message: "Therapist unblocking processed" });
  });

  it("refuses to delete a therapist with inquiries and deletes one without", async () => {
    const t = await createTherapist(api, { plz: "90402", ort: "Nürnberg" });
    await createSearch(api, (await createReadyPatient(api, { plz: "90403", ort: "Nürnberg" })).id);
    await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "90",
    });
    const refused = await api.staff("DELETE", `/api/therapists/${t.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      "Cannot delete therapist: Therapeutenanfragen exist for this therapist. Please delete all related Therapeutenanfragen first.",
    );
    const free = await createTherapist(api, { plz: "90402", ort: "Nürnberg" });
    expect((await api.staff("DELETE", `/api/therapists/${free.id}`)).body).toEqual({
      message: "Therapist deleted successfully",
    });
  });
});

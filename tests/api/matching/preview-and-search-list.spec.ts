import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

/** What the staff app's selection preview and searches list need (docs/matching.md). */
describe("inquiry preview (dry_run) and the searches list's name search and sorting", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api, ["52066", "52068"]);
  });
  afterAll(() => api.stop());

  it("previews the patients an inquiry would get (names, distance, waiting time) without writing", async () => {
    const t = await createTherapist(api, { plz: "52068" });
    const patients = [];
    for (const nachname of ["Vorschau-Ahrens", "Vorschau-Brandt", "Vorschau-Cordes"]) {
      const p = await createReadyPatient(api, { plz: "52066", nachname });
      await createSearch(api, p.id);
      patients.push(p);
    }
    const body = { therapist_id: t.id, plz_prefix: "52" };
    expect(
      (
        await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
          ...body,
          dry_run: "ja",
        })
      ).body.message,
    ).toBe("dry_run must be true or false");
    const r = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      ...body,
      dry_run: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: true, anfragegroesse: 3, erstellbar: true });
    expect(r.body.patienten.map((p: any) => p.name)).toEqual(
      patients.map((p) => `${p.vorname} ${p.nachname}`),
    );
    for (const p of r.body.patienten) {
      expect(p.entfernung_km).toBeGreaterThan(0);
      expect(p.entfernung_km).toBeLessThan(10);
      expect(p.wartezeit_tage).toBe(0);
    }
    expect((await api.staff("GET", "/api/therapeutenanfragen")).body.total).toBe(0);
    // the real creation takes the same patients
    const created = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", body);
    expect(created.status).toBe(201);
    expect(created.body.patient_ids).toEqual(r.body.patienten.map((p: any) => p.patient_id));
  });

  it("finds searches by patient name and sorts them", async () => {
    const byName = await api.staff("GET", "/api/platzsuchen?search=vorschau-b");
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(1);
    expect(byName.body.data[0].patienten_name).toMatch(/Vorschau-Brandt$/);
    expect((await api.staff("GET", "/api/platzsuchen?search=niemand-heisst-so")).body.total).toBe(0);

    const asc = await api.staff("GET", "/api/platzsuchen?sort=id");
    const desc = await api.staff("GET", "/api/platzsuchen?sort=-id");
    const ids = asc.body.data.map((s: any) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(desc.body.data.map((s: any) => s.id)).toEqual([...ids].reverse());
    const bad = await api.staff("GET", "/api/platzsuchen?sort=patient_id");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid sort 'patient_id'/);
  });
});

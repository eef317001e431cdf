import { startApi, type TestApi } from "../../helpers/api";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

/**
 * Issue 17.6: on a fresh start with nothing but the built-in PLZ centroids (no list loaded, no external
 * service), patients at 80333 München and a therapist at 80335 München get coordinates and are matched, by
 * the bundle dry run and by the manual inquiry. Before, every München code was missing and both runs skipped
 * them as `ohne_koordinaten`.
 */
describe("central München on the built-in centroids", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      groups: ALL_GROUPS,
      env: { PLZ_CENTROIDS_BUILTIN: "true", GEOCODING_ONLINE: "false", EMAIL_QUEUE_INTERVAL_MS: "100000" },
    });
  }, 120_000);
  afterAll(() => api.stop());

  it("matches patients at 80333 with a therapist at 80335 in the bundle dry run and the manual inquiry", async () => {
    const here = { plz: "80333", ort: "München" };
    const patients = [];
    // A bundle needs at least three patients; the first is the one the issue names.
    for (let i = 0; i < 3; i++) patients.push(await createReadyPatient(api, here));
    for (const p of patients) {
      expect(p.standort_unbekannt).toBe(false);
      expect(p.latitude).toBeGreaterThan(48.1);
      expect(p.latitude).toBeLessThan(48.2);
      await createSearch(api, p.id);
    }
    const t = await createTherapist(api, { plz: "80335", ort: "München" });
    expect(t.standort_unbekannt).toBe(false);

    const dry = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true, plz_prefix: "80" });
    expect(dry.status).toBe(200);
    expect(dry.body.ausgelassen.ohne_koordinaten ?? 0).toBe(0);
    const bundle = dry.body.buendel.find((b: any) => b.therapist_id === t.id);
    expect(bundle).toBeDefined();
    expect(bundle.patient_ids).toEqual(expect.arrayContaining(patients.map((p) => p.id)));

    const manual = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "80",
    });
    expect(manual.status).toBe(201);
    expect(manual.body.patient_ids).toEqual(expect.arrayContaining(patients.map((p) => p.id)));
    expect(manual.body.ausgelassen.ohne_koordinaten).toBe(0);
  });
});

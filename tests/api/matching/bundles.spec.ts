import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

describe("automatic bundle run (decisions.md 4, 10, 11; api.md 2-3)", () => {
  let api: TestApi;
  const therapists: number[] = [];
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api, ["04103", "04105", "04107", "04109", "04155"]);
    for (let i = 0; i < 4; i++)
      therapists.push((await createTherapist(api, { plz: "04107", ort: "Leipzig" })).id);
    for (let i = 0; i < 8; i++)
      await createSearch(api, (await createReadyPatient(api, { plz: "04103", ort: "Leipzig" })).id);
  });
  afterAll(() => api.stop());

  it("validates its input", async () => {
    expect((await api.staff("POST", "/api/buendel/erstellen", { plz_prefix: "4a" })).status).toBe(400);
    expect((await api.staff("POST", "/api/buendel/erstellen", { dry_run: "ja" })).body.message).toBe(
      "dry_run must be true or false",
    );
  });

  it("proposes bundles of 3..6 in a dry run and writes nothing", async () => {
    const r = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true, plz_prefix: "04" });
    expect(r.status).toBe(200);
    expect(r.body.anzahl_buendel).toBe(4);
    for (const b of r.body.buendel) {
      expect(b.anfrage_id).toBeUndefined();
      expect(b.patient_ids.length).toBeGreaterThanOrEqual(3);
      expect(b.patient_ids.length).toBeLessThanOrEqual(6);
    }
    expect((await api.staff("GET", "/api/therapeutenanfragen")).body.total).toBe(0);
  });

  it("never creates two bundles for one therapist when two runs start at once, and events go to the outbox", async () => {
    const [a, b] = await Promise.all([
      api.staff("POST", "/api/buendel/erstellen", { plz_prefix: "04" }),
      api.staff("POST", "/api/v2/bundles/create", { plz_prefix: "04" }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.anzahl_buendel + b.body.anzahl_buendel).toBe(4);
    const list = await api.staff("GET", "/api/therapeutenanfragen?limit=100");
    const byTherapist = list.body.data.map((x: any) => x.therapist_id).sort();
    expect(byTherapist).toEqual([...therapists].sort());
    const db = (api.broker.getLocalService("matching") as any).db;
    const [events] = await db.query(
      "SELECT count(*)::int AS n FROM platform.outbox WHERE event_type = 'bundle.created'",
    );
    expect(events[0].n).toBe(4);
    // parallel search within budget: 8 searches, budget 10 each, 4 therapists -> every search used at most 4 times
    const v2 = await api.staff("GET", `/api/v2/bundles/${list.body.data[0].id}`);
    expect(v2.body.quelle).toBe("automatisch");
  });

  it("gives a therapist with fewer than 3 eligible patients no bundle", async () => {
    const lonely = await createTherapist(api, {
      plz: "04155",
      ort: "Leipzig",
      geschlechtspraeferenz: "Männlich",
    });
    const r = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true, plz_prefix: "04" });
    expect(r.body.buendel.map((b: any) => b.therapist_id)).not.toContain(lonely.id);
    expect(r.body.ausgelassen.zu_wenige_patienten).toBeGreaterThanOrEqual(1);
  });

  it("reports bundle efficiency and learned preferences", async () => {
    const list = await api.staff("GET", "/api/therapeutenanfragen?limit=100");
    const first = list.body.data[0];
    const sent = await api.staff("POST", `/api/therapeutenanfragen/${first.id}/senden`);
    expect(sent.body).toMatchObject({ communication_type: "email" });
    const d = await api.staff("GET", `/api/therapeutenanfragen/${first.id}`);
    const resp = Object.fromEntries(
      d.body.patients.map((p: any, i: number) => [
        p.patient_id,
        i === 0 ? "angenommen" : "abgelehnt_Kapazitaet",
      ]),
    );
    await api.staff("PUT", `/api/therapeutenanfragen/${first.id}/antwort`, { patient_responses: resp });
    const eff = await api.staff("GET", "/api/analytics/bundle-efficiency");
    expect(eff.status).toBe(200);
    expect(eff.body).toMatchObject({ anzahl_anfragen: 4, antwortrate_7_tage: 1, abkuehlung_eingehalten: 1 });
    expect(eff.body.annahmerate).toBeCloseTo(1 / d.body.patients.length, 3);
    const prefs = await api.staff(
      "GET",
      `/api/v2/analytics/therapist-preferences?therapist_id=${first.therapist_id}`,
    );
    expect(prefs.body.therapist_id).toBe(first.therapist_id);
    expect(Object.keys(prefs.body.merkmale).length).toBeGreaterThan(0);
    expect((await api.staff("GET", "/api/analytics/bundle-efficiency?von=gestern")).status).toBe(400);
  });
});

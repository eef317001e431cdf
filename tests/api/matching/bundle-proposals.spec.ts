import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

/** Review, then commit (docs/bundles.md): a stored dry run is committed exactly, or refused with 409. */
describe("bundle run proposals: dry run → review → commit the reviewed proposal", () => {
  let api: TestApi;
  const therapists: number[] = [];
  const inquiries = async () => (await api.staff("GET", "/api/therapeutenanfragen?limit=100")).body;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api, ["04103", "04107"]);
    for (let i = 0; i < 2; i++)
      therapists.push((await createTherapist(api, { plz: "04107", ort: "Leipzig" })).id);
    for (let i = 0; i < 4; i++)
      await createSearch(api, (await createReadyPatient(api, { plz: "04103", ort: "Leipzig" })).id);
  });
  afterAll(() => api.stop());

  const dryRun = async () => {
    const r = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true, plz_prefix: "04" });
    expect(r.status).toBe(200);
    expect(r.body.vorschlag_id).toMatch(/^[0-9a-f-]{36}$/);
    return r.body;
  };

  it("answers 404 for an unknown or malformed proposal id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "abc"]) {
      const r = await api.staff("POST", `/api/buendel/vorschlaege/${id}/uebernehmen`, {});
      expect(r.status).toBe(404);
      expect(r.body.type).toBe("PROPOSAL_NOT_FOUND");
      expect((await api.staff("GET", `/api/buendel/vorschlaege/${id}`)).status).toBe(404);
    }
  });

  it("refuses with 409 and writes nothing when the data changed after the dry run", async () => {
    const proposal = await dryRun();
    expect(proposal.anzahl_buendel).toBe(2);
    // one more waiting patient changes the run's inputs
    await createSearch(api, (await createReadyPatient(api, { plz: "04103", ort: "Leipzig" })).id);
    const r = await api.staff("POST", `/api/buendel/vorschlaege/${proposal.vorschlag_id}/uebernehmen`, {});
    expect(r.status).toBe(409);
    expect(r.body.type).toBe("PROPOSAL_STALE");
    expect((await inquiries()).total).toBe(0);
  });

  it("shows the proposal with names, distances and waiting times, and commits exactly it once", async () => {
    const proposal = await dryRun();
    const view = await api.staff("GET", `/api/buendel/vorschlaege/${proposal.vorschlag_id}?limit=1`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ total: 2, limit: 1, anzahl_buendel: 2, uebernommen_am: null });
    const [first] = view.body.data;
    expect(first.therapeuten_name).toMatch(/\S+ \S+/);
    expect(first.patienten).toHaveLength(proposal.buendel[0].patient_ids.length);
    for (const p of first.patienten) {
      expect(p.name).toMatch(/\S+ \S+/);
      expect(p.entfernung_km).toBeGreaterThanOrEqual(0);
      expect(p.entfernung_km).toBeLessThan(10);
      expect(p.wartezeit_tage).toBe(0);
    }

    const [a, b] = await Promise.all([
      api.staff("POST", `/api/buendel/vorschlaege/${proposal.vorschlag_id}/uebernehmen`, {}),
      api.staff("POST", `/api/buendel/vorschlaege/${proposal.vorschlag_id}/uebernehmen`, {}),
    ]);
    const ok = [a, b].find((r) => r.status === 200)!;
    const refused = [a, b].find((r) => r !== ok)!;
    expect(refused.status).toBe(409);
    expect(ok.body.anzahl_buendel).toBe(2);
    expect(ok.body.buendel.map((x: any) => [x.therapist_id, x.patient_ids])).toEqual(
      proposal.buendel.map((x: any) => [x.therapist_id, x.patient_ids]),
    );
    const list = await inquiries();
    expect(list.total).toBe(2);
    expect(list.data.map((x: any) => x.therapist_id).sort()).toEqual([...therapists].sort());
    const again = await api.staff(
      "POST",
      `/api/buendel/vorschlaege/${proposal.vorschlag_id}/uebernehmen`,
      {},
    );
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("PROPOSAL_COMMITTED");
    const after = await api.staff("GET", `/api/buendel/vorschlaege/${proposal.vorschlag_id}`);
    expect(after.body.uebernommen_am).not.toBeNull();
    expect(after.body.data.every((x: any) => x.anfrage_id > 0)).toBe(true);
  });
});

import { startApi, type TestApi } from "../../helpers/api";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

const create = (api: TestApi, therapist_id: number, extra: object = {}) =>
  api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
    therapist_id,
    plz_prefix: "52",
    ...extra,
  });

/** issue 12.8, decisions.md 29: a placed search takes part in no new inquiry and no bundle run. */
describe("a placed patient is not offered again", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    const csv = "plz,lat,lng\n52062,50.7766,6.0834\n52064,50.7702,6.0731\n52066,50.7591,6.1010";
    expect((await api.admin("POST", "/api/geocoding/plz-centroids", { csv })).status).toBe(200);
  }, 120_000);
  afterAll(() => api.stop());

  it("leaves the accepted patient out of the next inquiry and the bundle run until the placement is cleared", async () => {
    const [a, b, c] = [
      await createTherapist(api, { plz: "52064" }),
      await createTherapist(api, { plz: "52064" }),
      await createTherapist(api, { plz: "52064" }),
    ];
    const patients = [];
    const searches = [];
    for (let i = 0; i < 5; i++) {
      const p = await createReadyPatient(api, { plz: "52066" });
      patients.push(p);
      searches.push(await createSearch(api, p.id));
    }
    const first = await create(api, a.id, { sofort_senden: true });
    expect(first.status).toBe(201);
    expect(first.body.gesendet).toBe(true);
    const placed = first.body.patient_ids[0];
    const answer = await api.staff("PUT", `/api/therapeutenanfragen/${first.body.anfrage_id}/antwort`, {
      patient_responses: Object.fromEntries(
        first.body.patient_ids.map((id: number) => [
          id,
          id === placed ? "angenommen" : "abgelehnt_Kapazitaet",
        ]),
      ),
    });
    expect(answer.status).toBe(200);
    const placedSearch = searches.find((s) => s.patient_id === placed)!;
    const search = (await api.staff("GET", `/api/platzsuchen/${placedSearch.id}`)).body;
    expect(search.vermittelter_therapeut_id).toBe(a.id);
    expect(search.status).toBe("aktiv");

    const run = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true, plz_prefix: "52" });
    expect(run.status).toBe(200);
    expect(run.body.buendel.length).toBeGreaterThan(0);
    for (const bundle of run.body.buendel) expect(bundle.patient_ids).not.toContain(placed);
    expect(run.body.ausgelassen.bereits_vermittelt).toBe(1);

    const second = await create(api, b.id);
    expect(second.status).toBe(201);
    expect(second.body.patient_ids).toHaveLength(4);
    expect(second.body.patient_ids).not.toContain(placed);
    expect(second.body.ausgelassen.bereits_vermittelt).toBe(1);

    // Staff clear the placement (the therapy did not start): the patient is offered again.
    const cleared = await api.staff("PUT", `/api/platzsuchen/${placedSearch.id}`, {
      vermittelter_therapeut_id: null,
    });
    expect(cleared.status).toBe(200);
    const third = await create(api, c.id);
    expect(third.status).toBe(201);
    expect(third.body.patient_ids).toContain(placed);
    expect(third.body.ausgelassen.bereits_vermittelt ?? 0).toBe(0);
  });
});

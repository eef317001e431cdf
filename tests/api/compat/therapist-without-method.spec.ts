import { startApi, type TestApi } from "../../helpers/api";
import { createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

/** issue 12.4, decisions.md 28: a therapist without psychotherapieverfahren is valid and matches only `egal`. */
describe("a therapist without psychotherapieverfahren", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient", "therapist", "matching", "geocoding"] });
    const csv = "plz,lat,lng\n52062,50.7766,6.0834\n52064,50.7702,6.0731\n52066,50.7591,6.1010";
    expect((await api.admin("POST", "/api/geocoding/plz-centroids", { csv })).status).toBe(200);
  }, 120_000);
  afterAll(() => api.stop());

  it("is created with null or without the field (the absent field keeps the earlier default `egal`)", async () => {
    const nullMethod = await api.staff("POST", "/api/therapists", {
      anrede: "Frau",
      geschlecht: "weiblich",
      vorname: "Ohne",
      nachname: "Verfahren",
      plz: "52064",
      psychotherapieverfahren: null,
    });
    expect(nullMethod.status).toBe(201);
    expect(nullMethod.body.psychotherapieverfahren).toBeNull();
    expect(
      (await api.staff("GET", `/api/therapists/${nullMethod.body.id}`)).body.psychotherapieverfahren,
    ).toBeNull();

    const absent = await api.staff("POST", "/api/therapists", {
      anrede: "Frau",
      geschlecht: "weiblich",
      vorname: "Ohne",
      nachname: "Angabe",
    });
    expect(absent.status).toBe(201);
    expect(absent.body.psychotherapieverfahren).toBe("egal");

    const cleared = await api.staff("PUT", `/api/therapists/${absent.body.id}`, {
      psychotherapieverfahren: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.psychotherapieverfahren).toBeNull();
  });

  it("answers the normal 'no patients' result when only patients with a specific method wait", async () => {
    const t = await createTherapist(api, { plz: "52064", psychotherapieverfahren: null });
    const vt = await createReadyPatient(api, {
      plz: "52066",
      bevorzugtes_therapieverfahren: "Verhaltenstherapie",
    });
    await createSearch(api, vt.id);
    const r = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "52",
    });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("No eligible patients found for this therapist");
    expect(r.body.ausgelassen.therapy_method).toBe(1);
  });

  it("is offered patients whose preferred method is egal, and only those", async () => {
    const t = await createTherapist(api, { plz: "52064", psychotherapieverfahren: null });
    const egal = await createReadyPatient(api, { plz: "52066", bevorzugtes_therapieverfahren: "egal" });
    const tp = await createReadyPatient(api, {
      plz: "52066",
      bevorzugtes_therapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
    });
    await createSearch(api, egal.id);
    await createSearch(api, tp.id);
    const r = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "52",
    });
    expect(r.status).toBe(201);
    expect(r.body.patient_ids).toContain(egal.id);
    expect(r.body.patient_ids).not.toContain(tp.id);

    const run = await api.staff("POST", "/api/buendel/erstellen", { plz_prefix: "52", dry_run: true });
    expect(run.status).toBe(200);
    for (const b of run.body.buendel.filter((x: any) => x.therapist_id === t.id))
      expect(b.patient_ids).not.toContain(tp.id);
  });
});

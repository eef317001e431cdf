import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { BUNDLE_THERAPIST_FIELDS } from "../../../services/matching/persistence/bundle-data";
import { ALL_GROUPS, createReadyPatient, createTherapist } from "../../helpers/factories";

// The bundle run's lean loaders must see exactly what the full ones see, for the fields the run reads.
const PATIENT_FIELDS = [
  "id",
  "plz",
  "geschlecht",
  "geburtsdatum",
  "symptome",
  "bevorzugtes_therapeutengeschlecht",
  "bevorzugtes_therapieverfahren",
  "offen_fuer_gruppentherapie",
  "latitude",
  "longitude",
  "raeumliche_verfuegbarkeit",
  "zeitliche_verfuegbarkeit",
];
const pick = (r: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, r[f]]));

describe("bundle run loaders (therapist.listForMatching with fields, patient.getMany matching profile)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api, ["04103", "04107", "52062", "52064"]);
  });
  afterAll(() => api.stop());

  it("listForMatching with the run's fields gives the full call's therapists and values", async () => {
    await createTherapist(api, { plz: "04107", ort: "Leipzig", arbeitszeiten: { Mo: "8:00-12:00" } });
    await createTherapist(api, { titel: "Dr.", alter_min: 20, geschlechtspraeferenz: "Weiblich" });
    const blocked = await createTherapist(api, { plz: "04103", ort: "Leipzig" });
    await api.staff("PUT", `/api/therapists/${blocked.id}`, { status: "gesperrt" });
    for (const prefix of [undefined, "04", "5206"]) {
      const full: any[] = await api.broker.call("therapist.listForMatching", { plz_prefix: prefix });
      const lean: any[] = await api.broker.call("therapist.listForMatching", {
        plz_prefix: prefix,
        fields: BUNDLE_THERAPIST_FIELDS,
      });
      // Every field present (a column missing from the therapist service's whitelist would be left out).
      for (const r of lean) expect(Object.keys(r).sort()).toEqual([...BUNDLE_THERAPIST_FIELDS].sort());
      expect(lean).toEqual(full.map((r) => pick(r, BUNDLE_THERAPIST_FIELDS)));
    }
  });

  it("the matching profile carries the run's patient fields as the full record has them", async () => {
    const a = await createReadyPatient(api, { plz: "04103", ort: "Leipzig", geburtsdatum: "1970-01-02" });
    const b = await createReadyPatient(api, {
      symptome: ["Zwänge", "Mobbing"],
      offen_fuer_gruppentherapie: true,
    });
    const ids = [a.id, b.id];
    const full: any[] = await api.broker.call("patient.getMany", { ids });
    const lean: any[] = await api.broker.call("patient.getMany", { ids, profile: "matching" });
    expect(lean.map((r) => pick(r, PATIENT_FIELDS))).toEqual(full.map((r) => pick(r, PATIENT_FIELDS)));
    expect(lean[0]).not.toHaveProperty("email");
  });
});

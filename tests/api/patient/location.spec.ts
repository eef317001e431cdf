import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids, readCentroids } from "../../helpers/centroids";
import { eventually } from "../../helpers/eventually";

const base = { anrede: "Frau", geschlecht: "weiblich", vorname: "Greta", nachname: "Geo" };
const centroids = readCentroids();
const AACHEN = centroids.get("52062")!;
const LEIPZIG = centroids.get("04107")!;

describe("patient coordinates from the geocoding service (decisions.md 5)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient", "geocoding"] });
    await loadCentroids(api, ["52062", "04107"]);
  });
  afterAll(() => api.stop());

  it("stores the PLZ centroid with the address and moves it with the address", async () => {
    const r = await api.staff("POST", "/api/patients", { ...base, plz: "52062", ort: "Aachen" });
    expect(r.body).toMatchObject({ ...AACHEN, geo_source: "plz_centroids", standort_unbekannt: false });
    expect(typeof r.body.latitude).toBe("number");
    const moved = await api.staff("PUT", `/api/patients/${r.body.id}`, { plz: "04107", ort: "Leipzig" });
    expect(moved.body).toMatchObject({ ...LEIPZIG, standort_unbekannt: false });
    const other = await api.staff("PUT", `/api/patients/${r.body.id}`, { telefon: "0341 1" });
    expect(other.body).toMatchObject(LEIPZIG);
    const gone = await api.staff("PUT", `/api/patients/${r.body.id}`, { plz: null });
    expect(gone.body).toMatchObject({
      latitude: null,
      longitude: null,
      geo_source: null,
      standort_unbekannt: true,
    });
  });

  it("marks a patient whose PLZ is unknown, and one without address", async () => {
    const unknown = await api.staff("POST", "/api/patients", { ...base, plz: "99999" });
    expect(unknown.body).toMatchObject({ latitude: null, longitude: null, standort_unbekannt: true });
    const none = await api.staff("POST", "/api/patients", base);
    expect(none.body.standort_unbekannt).toBe(true);
  });
});

describe("patient coordinates when geocoding is down or slow", () => {
  let api: TestApi;
  let db: Client;
  const located: string[] = [];
  const gates = new Map<string, () => void>();
  const EXACT: Record<string, { latitude: number; longitude: number }> = {
    "Pontstraße 1": { latitude: 50.7781, longitude: 6.0817 },
    "Altweg 1": { latitude: 50.7001, longitude: 6.0001 },
    "Neuweg 2": { latitude: 50.7902, longitude: 6.1102 },
  };
  const pending = async (id: number) =>
    (await db.query("SELECT geo_pending FROM patient_service.patienten WHERE id = $1", [id])).rows[0]
      .geo_pending;
  const get = (id: number) => api.staff("GET", `/api/patients/${id}`).then((r) => r.body);

  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
  });

  it("answers at once without coordinates, marks the patient, and a job places it once geocoding is back", async () => {
    const r = await api.staff("POST", "/api/patients", { ...base, plz: "52062", strasse: "Pontstraße 1" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ latitude: null, standort_unbekannt: true });
    expect(await pending(r.body.id)).toBe(true);

    // A stand-in geocoder: centroids, and street-level answers like Nominatim's (a gate holds one back).
    api.broker.createService({
      name: "geocoding",
      actions: {
        plzCentroid: (ctx: any) => (ctx.params.plz === "52062" ? AACHEN : null),
        async locate(ctx: any) {
          located.push(ctx.params.strasse);
          const gate = gates.get(ctx.params.strasse);
          if (gate) await new Promise<void>((resolve) => gates.set(ctx.params.strasse, resolve));
          const exact = EXACT[ctx.params.strasse];
          return exact ? { ...exact, source: "nominatim" } : null;
        },
      },
    });
    await api.broker.waitForServices("geocoding");
    const run = await api.admin("POST", "/api/jobs/patient.geocoding-retry/run");
    expect(run.body.result).toEqual({ retried: 1, located: 1 });
    expect(await get(r.body.id)).toMatchObject({
      ...EXACT["Pontstraße 1"],
      geo_source: "nominatim",
      standort_unbekannt: false,
    });
    expect(await pending(r.body.id)).toBe(false);
    expect(located).toEqual(["Pontstraße 1"]);
  });

  it("refines to the street in the background, and a late answer for an old address is dropped", async () => {
    gates.set("Altweg 1", () => undefined);
    const r = await api.staff("POST", "/api/patients", { ...base, plz: "52062", strasse: "Altweg 1" });
    // The request does not wait for the street lookup: the centroid is there at once.
    expect(r.body).toMatchObject({ ...AACHEN, geo_source: "plz_centroids" });
    const moved = await api.staff("PUT", `/api/patients/${r.body.id}`, { strasse: "Neuweg 2" });
    expect(moved.body).toMatchObject(AACHEN);
    const refined = await eventually(
      () => get(r.body.id),
      (p) => p.geo_source === "nominatim",
    );
    expect(refined).toMatchObject(EXACT["Neuweg 2"]);
    gates.get("Altweg 1")!();
    await eventually(
      async () => located.filter((s) => s === "Altweg 1").length,
      (n) => n === 1,
    );
    await new Promise((res) => setTimeout(res, 100));
    expect(await get(r.body.id)).toMatchObject(EXACT["Neuweg 2"]);
  });
});

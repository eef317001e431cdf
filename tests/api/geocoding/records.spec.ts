import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids, readCentroids } from "../../helpers/centroids";
import { FakeGeoServer, PLACES, onlineGeoEnv } from "../../helpers/fake-geo";
import { eventually } from "../../helpers/eventually";

const AACHEN = readCentroids().get("52062")!;
const { PONT, DOM, MARKT } = PLACES;
const person = { anrede: "Frau", geschlecht: "weiblich", vorname: "Greta", nachname: "Geo" };

/** decisions.md 5: centroid at once with the address, street level from Nominatim in the background. */
describe("coordinates of patients and therapists from Nominatim", () => {
  const fake = new FakeGeoServer()
    .addPlace("Pontstraße 1, 52062 Aachen", PONT)
    .addPlace("Domhof 1, 52062 Aachen", DOM)
    .addPlace("Markt 1, 52062 Aachen", MARKT);
  let api: TestApi;
  let db: Client;
  const therapistGeo = async (id: number) =>
    (
      await db.query(
        "SELECT latitude, longitude, geo_source, geo_pending FROM therapist_service.therapeuten WHERE id = $1",
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    await fake.start();
    api = await startApi({
      groups: ["patient", "therapist", "geocoding"],
      env: onlineGeoEnv(fake.url, {
        GEOCODING_RETRIES: "0",
        GEOCODING_BREAKER_THRESHOLD: "1",
        GEOCODING_BREAKER_RESET_MS: "200",
        JOBS_ENABLED: "false",
      }),
    });
    await loadCentroids(api, ["52062", "04107"]);
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
    await fake.stop();
  });

  it("gives a new patient the centroid at once and the street-level position soon after", async () => {
    const r = await api.staff("POST", "/api/patients", {
      ...person,
      strasse: "Pontstraße 1",
      plz: "52062",
      ort: "Aachen",
    });
    expect(r.body).toMatchObject({ ...AACHEN, geo_source: "plz_centroids" });
    const later = await eventually(
      () => api.staff("GET", `/api/patients/${r.body.id}`).then((x) => x.body),
      (p) => p.geo_source === "nominatim",
    );
    expect(later).toMatchObject({ latitude: PONT.lat, longitude: PONT.lon, standort_unbekannt: false });
  });

  it("does the same for a therapist, and for a moved address", async () => {
    const r = await api.staff("POST", "/api/therapists", { ...person, plz: "52062", ort: "Aachen" });
    expect(r.body).toMatchObject({ ...AACHEN, standort_unbekannt: false });
    await api.staff("PUT", `/api/therapists/${r.body.id}`, { strasse: "Domhof 1" });
    const geo = await eventually(
      () => therapistGeo(r.body.id),
      (g) => g.geo_source === "nominatim",
    );
    expect(geo).toMatchObject({ latitude: DOM.lat, longitude: DOM.lon, geo_pending: false });
  });

  it("marks a therapist while Nominatim is down and locates it by the job once it is back", async () => {
    fake.down();
    const r = await api.staff("POST", "/api/therapists", {
      ...person,
      strasse: "Markt 1",
      plz: "52062",
      ort: "Aachen",
    });
    expect(r.body).toMatchObject({ ...AACHEN });
    const marked = await eventually(
      () => therapistGeo(r.body.id),
      (g) => g.geo_pending,
    );
    expect(marked).toMatchObject({ geo_source: "plz_centroids", geo_pending: true });
    fake.up();
    await new Promise((res) => setTimeout(res, 250));
    const run = await api.admin("POST", "/api/jobs/therapist.locate/run");
    expect(run.body).toMatchObject({ status: "ok" });
    expect(await therapistGeo(r.body.id)).toMatchObject({
      latitude: MARKT.lat,
      geo_source: "nominatim",
      geo_pending: false,
    });
  });

  it("locates imported therapists that came without coordinates; keeps the coordinates 116117 sent", async () => {
    const snapshot = {
      therapists: [
        {
          basic_info: { salutation: "Herr", first_name: "Ole", last_name: "Ortlos" },
          location: { street: "Domhof", house_number: "1", postal_code: "52062", city: "Aachen" },
          contact: {},
          therapy_methods: ["Verhaltenstherapie für Erwachsene"],
        },
      ],
    };
    const imported = await api.admin("POST", "/api/therapists/import", { plz: "52062", snapshot });
    expect(imported.status).toBe(200);
    const { rows } = await db.query(
      "SELECT id, latitude FROM therapist_service.therapeuten WHERE nachname = 'Ortlos'",
    );
    expect(rows[0].latitude).toBeNull();
    const fromSource = await api.admin("POST", "/api/therapists/import", {
      arztsuche: {
        moreResults: false,
        arztPraxisDatas: [
          {
            id: "7001",
            arzt: true,
            anrede: "Frau",
            vorname: "Quelle",
            name: "Koordinate",
            plz: "04107",
            ort: "Leipzig",
            strasse: "Markt",
            hausnummer: "1",
            lat: 51.3401,
            lon: 12.3741,
            psy: ["Verhaltenstherapie für Erwachsene in Einzeltherapie"],
          },
        ],
      },
    });
    expect(fromSource.body).toMatchObject({ created: 1 });
    await api.admin("POST", "/api/jobs/therapist.locate/run");
    expect(await therapistGeo(rows[0].id)).toMatchObject({ latitude: DOM.lat, geo_source: "nominatim" });
    const kept = await db.query(
      "SELECT latitude, longitude, geo_source FROM therapist_service.therapeuten WHERE nachname = 'Koordinate'",
    );
    expect(kept.rows[0]).toEqual({ latitude: 51.3401, longitude: 12.3741, geo_source: "116117" });
    expect(fake.requests.filter((q) => q.query.q?.includes("Leipzig"))).toHaveLength(0);
  });

  it("learns the centroid of a PLZ with three imported practices from their coordinates (issue 17.1)", async () => {
    const learned = { latitude: 51.34, longitude: 12.372 };
    // Not in the loaded list: placed from its neighbour 04107 until practices teach it.
    expect(await api.broker.call("geocoding.plzCentroid", { plz: "04109" })).not.toEqual(learned);
    const practice = (id: string, lat: number, lon: number) => ({
      id,
      arzt: true,
      anrede: "Frau",
      vorname: "Praxis",
      name: `Lern${id}`,
      plz: "04109",
      ort: "Leipzig",
      strasse: "Thomaskirchhof",
      hausnummer: id,
      lat,
      lon,
      psy: ["Verhaltenstherapie für Erwachsene in Einzeltherapie"],
    });
    const imported = await api.admin("POST", "/api/therapists/import", {
      arztsuche: {
        moreResults: false,
        arztPraxisDatas: [
          practice("7101", 51.339, 12.371),
          practice("7102", 51.34, 12.372),
          practice("7103", 51.341, 12.373),
        ],
      },
    });
    expect(imported.body).toMatchObject({ created: 3 });
    await api.admin("POST", "/api/jobs/therapist.locate/run");
    expect(await api.broker.call("geocoding.plzCentroid", { plz: "04109" })).toEqual(learned);
  });
});

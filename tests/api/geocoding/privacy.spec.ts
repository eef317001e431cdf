import { Client } from "pg";
import { loadConfig } from "../../../config";
import { TEST_ENCRYPTION_KEY } from "../../helpers/pg-admin";
import { geocodingMode } from "../../../services/geocoding/domain/mode";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { eventually } from "../../helpers/eventually";
import { FakeGeoServer, PLACES, onlineGeoEnv } from "../../helpers/fake-geo";

const { PONT, DOM } = PLACES;
const person = { anrede: "Frau", geschlecht: "weiblich", vorname: "Paula", nachname: "Privat" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** decisions.md 31: offline unless configured; patient addresses only to the operator's own instance. */
describe("geocoding is offline unless configured, and keeps patient addresses in by default", () => {
  it("defaults to offline: no URL, no patient addresses online", () => {
    const cfg = loadConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });
    expect(cfg.geocoding).toMatchObject({ nominatimUrl: null, osrmUrl: null, patientAddressesOnline: false });
    expect(geocodingMode(cfg.geocoding)).toMatchObject({ mode: "offline", patient_addresses_online: false });
    expect(geocodingMode(cfg.geocoding).summary).toMatch(/offline.*no external service/);
  });

  describe("with an instance configured but patient addresses not allowed on it", () => {
    const fake = new FakeGeoServer()
      .addPlace("Pontstraße 1, 52062 Aachen", PONT)
      .addPlace("Domhof 1, 52062 Aachen", DOM);
    let api: TestApi;
    let db: Client;

    beforeAll(async () => {
      await fake.start();
      api = await startApi({
        groups: ["patient", "therapist", "geocoding"],
        env: onlineGeoEnv(fake.url, { GEOCODING_PATIENT_ADDRESSES_ONLINE: "false", JOBS_ENABLED: "false" }),
      });
      await loadCentroids(api, ["52062"]);
      db = new Client({ connectionString: api.databaseUrl });
      await db.connect();
    }, 120_000);
    afterAll(async () => {
      await db?.end();
      await api?.stop();
      await fake.stop();
    });

    const asked = (text: string) =>
      fake.requests.some((r) => Object.values(r.query).some((v) => v.includes(text)));

    it("says so on the status page", async () => {
      const s = await api.admin("GET", "/api/geocoding/status");
      expect(s.body).toMatchObject({
        mode: "online",
        nominatim_url: fake.url,
        patient_addresses_online: false,
      });
      expect(s.body.summary).toMatch(/therapist practice addresses only/);
    });

    it("never sends a patient's address, nor free-text lookups; a therapist's practice address is asked", async () => {
      const p = await api.staff("POST", "/api/patients", {
        ...person,
        strasse: "Pontstraße 1",
        plz: "52062",
        ort: "Aachen",
      });
      expect(p.status).toBe(201);
      const g = await api.staff(
        "GET",
        "/api/geocode?address=" + encodeURIComponent("Pontstraße 1, 52062 Aachen"),
      );
      expect(g.body).toMatchObject({ status: "success", source: "plz_centroids" });
      const t = await api.staff("POST", "/api/therapists", {
        ...person,
        strasse: "Domhof 1",
        plz: "52062",
        ort: "Aachen",
      });
      const geo = await eventually(
        () =>
          db
            .query("SELECT geo_source FROM therapist_service.therapeuten WHERE id = $1", [t.body.id])
            .then((r) => r.rows[0]),
        (row) => row.geo_source === "nominatim",
      );
      expect(geo.geo_source).toBe("nominatim");
      await sleep(500); // the patient's background lookup had as long as the therapist's, and more
      expect(asked("Domhof")).toBe(true);
      expect(asked("Pontstraße")).toBe(false);
      const stored = await api.staff("GET", `/api/patients/${p.body.id}`);
      expect(stored.body).toMatchObject({ geo_source: "plz_centroids", standort_unbekannt: false });
    });
  });
});

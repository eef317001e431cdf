import { startApi, type TestApi } from "../../helpers/api";
import { CENTROIDS_CSV, loadCentroids, readCentroids } from "../../helpers/centroids";
import { haversineKm } from "../../../services/shared/geo";

const C = readCentroids();
const AACHEN = C.get("52062")!;
const LEIPZIG = C.get("04107")!;
const km = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) =>
  Math.round(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude) * 100) / 100;

/** GEOCODING_ONLINE=false: how the embedded default runs without network (decisions.md 20). */
describe("geocoding without network: PLZ centroids and great-circle distances", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["geocoding"] });
    await loadCentroids(api, ["52062", "52064", "04107"]);
  }, 120_000);
  afterAll(() => api?.stop());

  it("geocodes an address by the PLZ in it, and says what it needs", async () => {
    const r = await api.staff(
      "GET",
      "/api/geocode?address=" + encodeURIComponent("Pontstraße 1, 52062 Aachen"),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ...AACHEN, source: "plz_centroids", status: "success" });
    expect(r.body.address_components).toMatchObject({ postcode: "52062", country_code: "de" });
    const missing = await api.staff("GET", "/api/geocode");
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/address/);
    const unknown = await api.staff("GET", "/api/geocode?address=Irgendwo");
    expect(unknown).toMatchObject({ status: 400, body: { status: "error", error: "Geocoding failed" } });
    const noFallback = await api.staff("GET", "/api/geocode?use_plz_fallback=false&address=52062%20Aachen");
    expect(noFallback.status).toBe(400);
  });

  it("reverse-geocodes to the nearest PLZ centroid and echoes the rounded point", async () => {
    const r = await api.staff("GET", "/api/reverse-geocode?lat=50.77661234&lon=6.0834567");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ latitude: 50.776612, longitude: 6.083457, source: "plz_centroids" });
    expect(r.body.address_components.postcode).toMatch(/^5206[24]$/);
    for (const q of ["", "?lat=50.1", "?lon=6.1"]) {
      const bad = await api.staff("GET", `/api/reverse-geocode${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/latitude.*longitude/);
    }
    expect((await api.staff("GET", "/api/reverse-geocode?lat=95&lon=6")).status).toBe(400);
    const sea = await api.staff("GET", "/api/reverse-geocode?lat=55.5&lon=3.0");
    expect(sea).toMatchObject({ status: 400, body: { status: "error", error: "Reverse geocoding failed" } });
  });

  it("calculates great-circle distances marked haversine, with the contract's messages", async () => {
    const byAddress = await api.staff(
      "GET",
      `/api/calculate-distance?origin=${encodeURIComponent("52062 Aachen")}&destination=${encodeURIComponent("Markt 1, 04107 Leipzig")}`,
    );
    expect(byAddress.body).toMatchObject({
      distance_km: km(AACHEN, LEIPZIG),
      status: "success",
      source: "haversine",
      route_available: false,
      travel_mode: "car",
    });
    const byCoords = await api.staff(
      "GET",
      `/api/calculate-distance?origin_lat=${AACHEN.latitude}&origin_lon=${AACHEN.longitude}&destination_lat=${LEIPZIG.latitude}&destination_lon=${LEIPZIG.longitude}&travel_mode=transit`,
    );
    expect(byCoords.body).toMatchObject({ distance_km: km(AACHEN, LEIPZIG), travel_mode: "transit" });
    const noOrigin = await api.staff("GET", "/api/calculate-distance?destination=04107");
    expect(noOrigin).toMatchObject({
      status: 400,
      body: { status: "error", error: "Origin is required (address or coordinates)" },
    });
    const noDest = await api.staff("GET", "/api/calculate-distance?origin=04107");
    expect(noDest.body.error).toBe("Destination is required (address or coordinates)");
    const mode = await api.staff(
      "GET",
      "/api/calculate-distance?origin=04107&destination=52062&travel_mode=bike",
    );
    expect(mode.status).toBe(400);
    expect(mode.body.error).toContain("Mode of transport (car or transit)");
    const unresolvable = await api.staff("GET", "/api/calculate-distance?origin=Nirgendwo&destination=52062");
    expect(unresolvable).toMatchObject({ status: 200, body: { status: "error", distance_km: 0 } });
  });

  it("finds therapists within reach by coordinates or PLZ centroid, nearest first, and lists those it cannot place", async () => {
    const r = await api.staff("POST", "/api/find-therapists", {
      patient_lat: AACHEN.latitude,
      patient_lon: AACHEN.longitude,
      max_distance_km: 10,
      therapists: [
        { id: 3, strasse: "Markt 1", plz: "04107", ort: "Leipzig" },
        { id: 2, plz: "52064", ort: "Aachen" },
        { id: 1, latitude: AACHEN.latitude, longitude: AACHEN.longitude },
        { id: 4, ort: "Unbekanntdorf" },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: "success",
      max_distance_km: 10,
      travel_mode: "car",
      total_checked: 4,
      total_found: 2,
      unlocated_therapist_ids: [4],
    });
    expect(r.body.therapists.map((t: any) => t.id)).toEqual([1, 2]);
    expect(r.body.therapists[1]).toMatchObject({
      plz: "52064",
      distance_source: "haversine",
      location_source: "plz_centroids",
    });
    const bad = await api.staff("POST", "/api/find-therapists", { therapists: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/Patient location is required/);
  });

  it("keeps the PLZ distance contract", async () => {
    const ok = await api.staff("GET", "/api/calculate-plz-distance?origin_plz=52062&destination_plz=04107");
    expect(ok.body).toEqual({
      distance_km: km(AACHEN, LEIPZIG),
      status: "success",
      source: "plz_centroids",
      origin_centroid: AACHEN,
      destination_centroid: LEIPZIG,
    });
    const bad = await api.staff("GET", "/api/calculate-plz-distance?origin_plz=5206&destination_plz=04107");
    expect(bad).toMatchObject({
      status: 400,
      body: { status: "error", error: "Invalid origin PLZ format: 5206" },
    });
    const badDest = await api.staff("GET", "/api/calculate-plz-distance?origin_plz=52062&destination_plz=x");
    expect(badDest.body.error).toBe("Invalid destination PLZ format: x");
    const unknown = await api.staff(
      "GET",
      "/api/calculate-plz-distance?origin_plz=52062&destination_plz=99999",
    );
    expect(unknown).toMatchObject({ status: 404, body: { error: "One or both PLZ codes not found" } });
  });

  it("is for logged-in staff; the status page for admins", async () => {
    expect((await api.request("GET", "/api/geocode?address=52062", undefined, null)).status).toBe(401);
    expect((await api.staff("GET", "/api/geocoding/status")).status).toBe(403);
    const s = await api.admin("GET", "/api/geocoding/status");
    expect(s.body).toMatchObject({ online: false, circuits: { nominatim: "offline" }, plz_centroids: 3 });
  });
});

describe("PLZ centroids from a file on first start", () => {
  it("loads PLZ_CENTROIDS_FILE into an empty table, so a new installation knows every PLZ", async () => {
    const api = await startApi({ groups: ["geocoding"], env: { PLZ_CENTROIDS_FILE: CENTROIDS_CSV } });
    try {
      const s = await api.admin("GET", "/api/geocoding/status");
      expect(s.body.plz_centroids).toBe(C.size);
      const r = await api.staff("GET", "/api/calculate-plz-distance?origin_plz=52062&destination_plz=04107");
      expect(r.body.distance_km).toBe(km(AACHEN, LEIPZIG));
    } finally {
      await api.stop();
    }
  });
});

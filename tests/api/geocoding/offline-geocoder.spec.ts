import { startApi, type TestApi } from "../../helpers/api";
import { haversineKm } from "../../../services/shared/geo";

/** Centres written for the test (rounded city centres). */
const CENTRE = {
  münchen: { latitude: 48.137, longitude: 11.575 },
  berlin: { latitude: 52.52, longitude: 13.405 },
  frankfurt: { latitude: 50.111, longitude: 8.682 },
  halle: { latitude: 51.482, longitude: 11.97 },
};
const within = (b: any, c: { latitude: number; longitude: number }, km: number) =>
  haversineKm(b.latitude, b.longitude, c.latitude, c.longitude) <= km;

/** Issue 17.2: without Nominatim the platform still geocodes places, "PLZ Ort" and addresses. */
describe("offline geocoder (no external service configured)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["geocoding"], env: { PLZ_CENTROIDS_BUILTIN: "true" } });
  }, 120_000);
  afterAll(() => api?.stop());
  const geocode = (address: string) =>
    api.staff("GET", "/api/geocode?address=" + encodeURIComponent(address));

  it.each([
    ["München", CENTRE.münchen],
    ["Munich", CENTRE.münchen],
    ["Berlin, Germany", CENTRE.berlin],
    ["München, Deutschland", CENTRE.münchen],
    ["Frankfurt am Main", CENTRE.frankfurt],
    ["Halle (Saale)", CENTRE.halle],
  ])("places %s by its name, precision ort", async (name, centre) => {
    const r = await geocode(name);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "success", source: "place_index", precision: "ort" });
    expect(within(r.body, centre, 15)).toBe(true);
  });

  it("places 'PLZ Ort' and street addresses by the PLZ, or by the place without one", async () => {
    const plz = await geocode("80333 München");
    expect(plz.body).toMatchObject({ source: "plz_centroids", precision: "plz" });
    expect(plz.body.display_name).toContain("München");
    expect(within(plz.body, CENTRE.münchen, 10)).toBe(true);
    const street = await geocode("Marienplatz 1, 80331 München");
    expect(street.body).toMatchObject({ source: "plz_centroids", precision: "plz" });
    const noPlz = await geocode("Marienplatz 1 München");
    expect(noPlz.body).toMatchObject({ source: "place_index", precision: "ort" });
    expect(within(noPlz.body, CENTRE.münchen, 15)).toBe(true);
  });

  it("answers an unknown place 400 with the contract's error shape, not 503", async () => {
    const r = await geocode("Xyzzyhausen an der Nirgendwo");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: "error" });
    expect(r.body.error).toContain("failed");
  });

  it("reverse-geocodes central München to a München PLZ, and measures distances between addresses", async () => {
    const r = await api.staff("GET", "/api/reverse-geocode?lat=48.1374&lon=11.5755");
    expect(r.status).toBe(200);
    expect(r.body.display_name).toContain("München");
    expect(r.body.address_components.postcode).toMatch(/^80/);
    const d = await api.staff(
      "GET",
      "/api/calculate-distance?origin=" +
        encodeURIComponent("Marienplatz 1, 80331 München") +
        "&destination=" +
        encodeURIComponent("Berlin"),
    );
    expect(d.body).toMatchObject({ status: "success", source: "haversine" });
    expect(d.body.distance_km).toBeGreaterThan(480);
    expect(d.body.distance_km).toBeLessThan(530);
  });
});

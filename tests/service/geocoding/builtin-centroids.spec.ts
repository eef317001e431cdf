import { haversineKm } from "../../../services/shared/geo";
import { plzPlaces } from "../../../services/geocoding/builtin-centroids";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { readCentroids } from "../../helpers/centroids";

type Centroid = { latitude: number; longitude: number } | null;

/** München's city area lies inside this box (written for the test: the city limits' extremes, rounded out). */
const MUNICH = { south: 48.06, north: 48.25, west: 11.36, east: 11.73 };

/**
 * decisions.md 20/31, issue 17: PLZ centroids work offline out of the box, from packages the platform ships.
 * Accuracy against the full reference list is measured by `npm run bench:geo` (the list is not in the
 * repository); here the district centres of tests/fixtures pin a sample across the country.
 */
describe("built-in PLZ centroids", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: ["geocoding"], env: { PLZ_CENTROIDS_BUILTIN: "true" } });
  }, 60_000);
  afterAll(() => tb.stop());

  const centroid = (plz: string) =>
    tb.broker.call<Centroid, { plz: string }>("geocoding.plzCentroid", { plz });
  const near = (c: Centroid, ref: { latitude: number; longitude: number }, km: number) =>
    !!c && haversineKm(c.latitude, c.longitude, ref.latitude, ref.longitude) <= km;
  const fixture = readCentroids();

  it("locates every München code from 80331 to 81929 inside München (they all went missing)", async () => {
    const codes = [
      ...new Set(
        plzPlaces()
          .filter((p) => p.ort === "München")
          .map((p) => p.plz),
      ),
    ].filter((plz) => plz >= "80331" && plz <= "81929");
    expect(codes.length).toBeGreaterThan(60);
    const outside: string[] = [];
    for (const plz of codes) {
      const c = await centroid(plz);
      const inside =
        !!c &&
        c.latitude >= MUNICH.south &&
        c.latitude <= MUNICH.north &&
        c.longitude >= MUNICH.west &&
        c.longitude <= MUNICH.east;
      if (!inside) outside.push(plz);
    }
    expect(outside).toEqual([]);
  });

  it("locates codes the PLZ list lacks by their neighbours in PLZ order (Frankfurt, Wiesbaden)", async () => {
    for (const plz of ["60306", "60310"])
      expect(near(await centroid(plz), fixture.get("60311")!, 8)).toBe(true);
    for (const plz of ["65219", "65220", "65221", "65222", "65223", "65224"])
      expect(near(await centroid(plz), fixture.get("65183")!, 10)).toBe(true);
    // Nothing is invented where no code is near (no region 05), nor for a code that cannot exist.
    expect(await centroid("05000")).toBeNull();
    expect(await centroid("99999")).toBeNull();
  });

  it("places the sample PLZ near their district centre", async () => {
    const far: string[] = [];
    for (const [plz, ref] of fixture) if (!near(await centroid(plz), ref, 15)) far.push(plz);
    expect(far).toEqual([]);
  });

  it("covers the German postal codes", async () => {
    const s = await tb.broker.call<{ plz_centroids_in_memory: number }>("geocoding.status");
    expect(s.plz_centroids_in_memory).toBeGreaterThan(8200);
  });
});

import { haversineKm } from "../../../services/shared/geo";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { readCentroids } from "../../helpers/centroids";

/**
 * decisions.md 20: PLZ centroids work offline out of the box, from packages the platform may ship.
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
    tb.broker.call<{ latitude: number; longitude: number } | null, { plz: string }>("geocoding.plzCentroid", {
      plz,
    });

  it("places the sample PLZ near their district centre", async () => {
    const far: string[] = [];
    for (const [plz, ref] of readCentroids()) {
      if (plz.startsWith("80")) continue;
      const c = await centroid(plz);
      if (!c || haversineKm(c.latitude, c.longitude, ref.latitude, ref.longitude) > 15) far.push(plz);
    }
    expect(far).toEqual([]);
  });

  it("covers the German postal codes", async () => {
    const s = await tb.broker.call<{ plz_centroids_in_memory: number }>("geocoding.status");
    expect(s.plz_centroids_in_memory).toBeGreaterThan(8000);
  });
});

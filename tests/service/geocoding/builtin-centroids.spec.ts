import { haversineKm } from "../../../services/shared/geo";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { readCentroids } from "../../helpers/centroids";

/** decisions.md 20: PLZ centroids work offline out of the box, from packages the platform may ship. */
describe("built-in PLZ centroids", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: ["geocoding"], env: { PLZ_CENTROIDS_BUILTIN: "true" } });
  }, 60_000);
  afterAll(() => tb.stop());

  it("covers nearly every PLZ of the reference list, mostly within a few km of the true centroid", async () => {
    const reference = readCentroids();
    const errors: number[] = [];
    for (const [plz, ref] of reference) {
      const c = await tb.broker.call<{ latitude: number; longitude: number } | null, { plz: string }>(
        "geocoding.plzCentroid",
        { plz },
      );
      if (c) errors.push(haversineKm(c.latitude, c.longitude, ref.latitude, ref.longitude));
    }
    errors.sort((a, b) => a - b);
    const at = (q: number) => errors[Math.floor(errors.length * q)];
    expect(errors.length / reference.size).toBeGreaterThan(0.97);
    expect(at(0.5)).toBeLessThan(3);
    expect(at(0.9)).toBeLessThan(20);
  });
});

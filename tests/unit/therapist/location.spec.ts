import { addressKey, centroidPosition, refinedPosition } from "../../../services/therapist/domain/location";

describe("therapist coordinates (decisions.md 5)", () => {
  const centroid = { latitude: 50.77, longitude: 6.08, geo_source: "plz_centroids" };

  it("keys the address the coordinates belong to", () => {
    expect(addressKey({ strasse: "Pontstraße 1", plz: "52062", ort: null })).toBe("Pontstraße 1|52062|");
  });

  it("takes a street-level position over the centroid, and a centroid only where nothing is known", () => {
    expect(refinedPosition(centroid, { latitude: 50.7781, longitude: 6.0817, source: "nominatim" })).toEqual({
      latitude: 50.7781,
      longitude: 6.0817,
      geo_source: "nominatim",
    });
    expect(refinedPosition(centroid, { latitude: 1, longitude: 1, source: "plz_centroids" })).toBeNull();
    expect(
      refinedPosition(centroidPosition(null), { latitude: 50.7, longitude: 6.0, source: "plz_centroids" }),
    ).toEqual({ latitude: 50.7, longitude: 6.0, geo_source: "plz_centroids" });
  });

  it("never replaces coordinates that came with the 116117 record", () => {
    const source = { latitude: 51.33, longitude: 12.37, geo_source: "116117" };
    expect(refinedPosition(source, { latitude: 51.3, longitude: 12.3, source: "nominatim" })).toBeNull();
  });
});

import {
  addressChanged,
  canRefine,
  centroidCoordinates,
  refinedCoordinates,
} from "../../../services/patient/domain/location";

const AACHEN = { latitude: 50.77, longitude: 6.08 };

describe("patient coordinates (decisions.md 5)", () => {
  it("notices only real address changes", () => {
    const before = { strasse: "Pontstraße 1", plz: "52062", ort: "Aachen" };
    expect(addressChanged(before, { plz: "52062", telefon: "1" } as any)).toBe(false);
    expect(addressChanged(before, { plz: "52064" })).toBe(true);
    expect(addressChanged(before, { strasse: null })).toBe(true);
    expect(addressChanged({ ort: null }, { ort: undefined })).toBe(false);
  });

  it("stores the PLZ centroid at once, or marks the record for a retry when geocoding is down", () => {
    expect(centroidCoordinates("52062", AACHEN)).toEqual({
      ...AACHEN,
      geo_source: "plz_centroids",
      geo_pending: false,
    });
    expect(centroidCoordinates("99999", null)).toEqual({
      latitude: null,
      longitude: null,
      geo_source: null,
      geo_pending: false,
    });
    expect(centroidCoordinates("52062", "unreachable")).toMatchObject({ latitude: null, geo_pending: true });
    expect(centroidCoordinates(null, "unreachable").geo_pending).toBe(false);
  });

  it("refines only with a street and a PLZ or city", () => {
    expect(canRefine({ strasse: "Pontstraße 1", plz: "52062" })).toBe(true);
    expect(canRefine({ strasse: "Pontstraße 1", ort: "Aachen" })).toBe(true);
    expect(canRefine({ plz: "52062", ort: "Aachen" })).toBe(false);
    expect(canRefine({ strasse: "Pontstraße 1" })).toBe(false);
  });

  it("prefers a street-level answer and never replaces a centroid by a centroid", () => {
    const exact = { latitude: 50.7753, longitude: 6.0839, source: "nominatim" };
    expect(refinedCoordinates({ latitude: 50.77 }, exact)).toEqual({
      latitude: 50.7753,
      longitude: 6.0839,
      geo_source: "nominatim",
      geo_pending: false,
    });
    expect(refinedCoordinates({ latitude: 50.77 }, { ...exact, source: "cache" })?.geo_source).toBe(
      "nominatim",
    );
    expect(refinedCoordinates({ latitude: 50.77 }, { ...AACHEN, source: "plz_centroids" })).toBeNull();
    expect(refinedCoordinates({ latitude: null }, { ...AACHEN, source: "plz_centroids" })?.geo_source).toBe(
      "plz_centroids",
    );
    expect(refinedCoordinates({ latitude: 50.77 }, null)).toBeNull();
    expect(
      refinedCoordinates({ latitude: null }, { latitude: NaN, longitude: 1, source: "nominatim" }),
    ).toBeNull();
  });
});

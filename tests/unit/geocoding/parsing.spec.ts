import { addressText, coordinateKey, normalizeAddress } from "../../../services/geocoding/domain/keys";
import { nearestPlz } from "../../../services/geocoding/domain/nearest";
import { firstPlace, placeFrom } from "../../../services/geocoding/domain/nominatim";
import { coordinatePath, routeFrom, tableRowFrom } from "../../../services/geocoding/domain/osrm";

describe("cache keys (domain.md 2.11)", () => {
  it("normalises addresses and rounds coordinates to 6 decimals", () => {
    expect(normalizeAddress("  Pontstraße 1,\t52062   AACHEN ")).toBe("pontstraße 1, 52062 aachen");
    expect(coordinateKey(50.77534551, 6.0838868)).toBe("50.775346,6.083887");
    expect(addressText({ strasse: "Pontstraße 1", plz: "52062", ort: "Aachen" })).toBe(
      "Pontstraße 1, 52062 Aachen",
    );
    expect(addressText({ strasse: "", plz: null, ort: "Aachen" })).toBe("Aachen");
  });
});

describe("Nominatim answers (external-apis.md 2.1-2.2)", () => {
  const hit = {
    lat: "50.7753455",
    lon: "6.0838868",
    display_name: "12, Beispielstraße, Aachen, 52062, Deutschland",
    address: { road: "Beispielstraße", postcode: "52062", country_code: "de", "ISO3166-2-lvl4": "DE-NW" },
  };

  it("reads string coordinates and the address details", () => {
    expect(firstPlace([hit])).toEqual({
      latitude: 50.7753455,
      longitude: 6.0838868,
      display_name: hit.display_name,
      address_components: hit.address,
    });
  });

  it("treats an empty list, an error object and nonsense coordinates as not found", () => {
    expect(firstPlace([])).toBeNull();
    expect(placeFrom({ error: "Unable to geocode" })).toBeNull();
    expect(placeFrom({ ...hit, lat: "north" })).toBeNull();
    expect(placeFrom({ ...hit, lat: "123" })).toBeNull();
    expect(firstPlace({ not: "a list" })).toBeNull();
  });
});

describe("OSRM answers (external-apis.md 2.4)", () => {
  it("writes lon,lat pairs", () => {
    expect(coordinatePath([{ latitude: 50.1, longitude: 6.2 }])).toBe("6.200000,50.100000");
  });

  it("reads a route in km and minutes; no route is null; another error is an error", () => {
    expect(routeFrom({ code: "Ok", routes: [{ distance: 18342.6, duration: 1234.5 }] })).toEqual({
      distance_km: 18.34,
      travel_time_minutes: 20.58,
    });
    expect(routeFrom({ code: "NoRoute" })).toBeNull();
    expect(routeFrom({ code: "InvalidQuery" })).toBeInstanceOf(Error);
    expect(routeFrom(undefined)).toBeInstanceOf(Error);
  });

  it("reads the first table row without the source itself, null where there is no route", () => {
    const row = tableRowFrom({ code: "Ok", distances: [[0, 18342.6, null]], durations: [[0, 600, null]] }, 2);
    expect(row).toEqual([{ distance_km: 18.34, travel_time_minutes: 10 }, null]);
    expect(tableRowFrom({ code: "Ok", distances: [[18342.6, null]] }, 2)).toEqual([
      { distance_km: 18.34, travel_time_minutes: null },
      null,
    ]);
    expect(tableRowFrom({ code: "Ok", distances: [[1]] }, 3)).toBeInstanceOf(Error);
    expect(tableRowFrom({ code: "TooBig" }, 2)).toBeInstanceOf(Error);
  });
});

describe("offline reverse geocoding", () => {
  const centroids = new Map([
    ["52062", { latitude: 50.7766, longitude: 6.0834 }],
    ["04107", { latitude: 51.3319, longitude: 12.3727 }],
  ]);

  it("finds the nearest PLZ centroid within reach, none beyond it", () => {
    expect(nearestPlz(centroids, 50.78, 6.09, 25)?.plz).toBe("52062");
    expect(nearestPlz(centroids, 54.0, 10.0, 25)).toBeNull();
  });
});

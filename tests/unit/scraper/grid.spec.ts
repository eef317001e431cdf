import { haversineKm } from "../../../services/shared/geo";
import { coverageRadiusKm, gridOverBox, splitCell } from "../../../services/scraper/domain/grid";
import { parseRegion, planCells } from "../../../services/scraper/domain/region";
import { readAnswer, searchBody } from "../../../services/scraper/domain/query";

const BOX = { south: 50.7, west: 6.0, north: 51.0, east: 6.5 };

describe("query grid", () => {
  it("covers every place of a bounding box when the radius is at least half the diagonal of the spacing", () => {
    const spacing = 10;
    const radius = coverageRadiusKm(spacing);
    const cells = gridOverBox(BOX, spacing, radius);
    expect(cells.length).toBeGreaterThanOrEqual(4 * 4);
    for (let lat = BOX.south; lat <= BOX.north; lat += 0.01)
      for (let lon = BOX.west; lon <= BOX.east; lon += 0.01) {
        const nearest = Math.min(...cells.map((c) => haversineKm(lat, lon, c.lat, c.lon)));
        expect(nearest).toBeLessThanOrEqual(radius + 0.05);
      }
  });

  it("splits a truncated query into four smaller ones that cover its circle, down to a smallest radius", () => {
    const c = { lat: 51.34, lon: 12.37, radius_km: 20, depth: 0 };
    const parts = splitCell(c, 5)!;
    expect(parts).toHaveLength(4);
    expect(parts.every((p) => p.depth === 1 && Math.abs(p.radius_km - 20 / Math.SQRT2) < 0.01)).toBe(true);
    for (let a = 0; a < 360; a += 15)
      for (const d of [0, 10, 19.9]) {
        const lat = c.lat + (d / 111.32) * Math.cos((a * Math.PI) / 180);
        const lon =
          c.lon + (d / (111.32 * Math.cos((c.lat * Math.PI) / 180))) * Math.sin((a * Math.PI) / 180);
        expect(
          Math.min(...parts.map((p) => haversineKm(lat, lon, p.lat, p.lon) - p.radius_km)),
        ).toBeLessThanOrEqual(0.05);
      }
    expect(splitCell({ ...c, radius_km: 6 }, 5)).toBeNull();
  });
});

describe("regions and plans", () => {
  const rules = { radiusKm: 25, spacingKm: 30, maxCells: 100 };

  it("accepts exactly one of bbox, points, plz", () => {
    expect(parseRegion({ bbox: BOX })).toMatchObject({ ok: true, value: { kind: "bbox" } });
    expect(parseRegion({ points: [{ lat: 51, lon: 7 }] })).toMatchObject({
      ok: true,
      value: { kind: "points" },
    });
    expect(parseRegion({ plz: ["52062", "52062"] })).toEqual({
      ok: true,
      value: { kind: "plz", plz: ["52062"] },
    });
    expect(parseRegion({})).toMatchObject({ ok: false });
    expect(parseRegion({ bbox: BOX, plz: ["52062"] })).toMatchObject({ ok: false });
    expect(parseRegion({ bbox: { ...BOX, north: 40 } })).toMatchObject({ ok: false });
    expect(parseRegion({ points: [{ lat: 91, lon: 7 }] })).toMatchObject({ ok: false });
    expect(parseRegion({ plz: ["5206"] })).toMatchObject({ ok: false });
  });

  it("refuses a spacing the radius cannot cover and plans beyond the cell limit", () => {
    expect(planCells({ kind: "bbox", bbox: BOX }, { ...rules, spacingKm: 40 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/leaves gaps/),
    });
    expect(
      planCells({ kind: "bbox", bbox: BOX }, { radiusKm: 2, spacingKm: 2, maxCells: 100 }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/SCRAPER_MAX_CELLS \(100\)/),
    });
    const plz = planCells({ kind: "plz", plz: ["52062"] }, rules, [{ lat: 50.77, lon: 6.08 }]);
    expect(plz).toEqual({ ok: true, value: [{ lat: 50.77, lon: 6.08, radius_km: 25, depth: 0 }] });
  });
});

describe("116117 request and answer", () => {
  it("builds the newer request body with a whole-km radius", () => {
    expect(searchBody({ lat: 51.34, lon: 12.37, radius_km: 17.68, depth: 1 }, ["12"])).toEqual({
      r: 18,
      locType: "LATLON",
      lat: 51.34,
      lon: 12.37,
      plz: null,
      osmId: null,
      osmType: null,
      filterSelections: [{ title: "Fachgebiet Kategorie", fieldName: "fgg", selectedCodes: ["12"] }],
      locOrigin: "USER_INPUT",
      searchTrigger: "INITIAL",
      viaDeeplink: false,
    });
  });

  it("reads the result list and the truncation flag, and nothing else", () => {
    expect(readAnswer({ moreResults: true, arztPraxisDatas: [{ id: "1" }, null] })).toEqual({
      records: [{ id: "1" }],
      more: true,
    });
    expect(readAnswer({ arztPraxisDatas: [] })).toEqual({ records: [], more: false });
    expect(readAnswer({ error: "x" })).toBeNull();
    expect(readAnswer(undefined)).toBeNull();
  });
});

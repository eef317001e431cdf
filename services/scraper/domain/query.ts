import type { Cell } from "./grid";

/**
 * The search body of one query point (external-apis.md 1.1, newer form). The radius goes up to whole km, so a
 * split query never covers less than planned.
 */
export function searchBody(c: Cell, fachgebietCodes: string[]) {
  return {
    r: Math.max(1, Math.ceil(c.radius_km)),
    locType: "LATLON",
    lat: c.lat,
    lon: c.lon,
    plz: null,
    osmId: null,
    osmType: null,
    filterSelections: [{ title: "Fachgebiet Kategorie", fieldName: "fgg", selectedCodes: fachgebietCodes }],
    locOrigin: "USER_INPUT",
    searchTrigger: "INITIAL",
    viaDeeplink: false,
  };
}

/** Shape check of an answer: the result list, and whether the source cut it off. */
export function readAnswer(json: unknown): { records: Record<string, any>[]; more: boolean } | null {
  const j = json as { arztPraxisDatas?: unknown; moreResults?: unknown } | null;
  if (!j || typeof j !== "object" || !Array.isArray(j.arztPraxisDatas)) return null;
  return {
    records: j.arztPraxisDatas.filter((r): r is Record<string, any> => !!r && typeof r === "object"),
    more: j.moreResults === true,
  };
}

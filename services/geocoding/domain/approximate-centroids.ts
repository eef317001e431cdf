import { haversineKm } from "../../shared/geo";

/** A PLZ and one place it serves, with its Bundesland (a PLZ list entry). */
export interface PlzPlace {
  plz: string;
  ort: string;
  zusatz?: string;
  bundesland?: string | null;
}

/** A populated place with coordinates and the GeoNames code of its Bundesland (admin1). */
export interface Town {
  name: string;
  altNames: string[];
  admin1: string;
  population: number;
  latitude: number;
  longitude: number;
}

type Point = [number, number];

/** GeoNames admin1 codes of the German Länder. */
const ADMIN1: Record<string, string> = {
  "Baden-Württemberg": "01",
  Bayern: "02",
  Bremen: "03",
  Hamburg: "04",
  Hessen: "05",
  Niedersachsen: "06",
  "Nordrhein-Westfalen": "07",
  "Rheinland-Pfalz": "08",
  Saarland: "09",
  "Schleswig-Holstein": "10",
  Brandenburg: "11",
  "Mecklenburg-Vorpommern": "12",
  Sachsen: "13",
  "Sachsen-Anhalt": "14",
  Thüringen: "15",
  Berlin: "16",
};

/** A place whose PLZ's region centre lies further away than this was matched to a namesake elsewhere. */
const OUTLIER_KM = 40;
const OUTLIER_WIDE_KM = 60;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .replace(/\b(st\.|sankt)\b/g, "sankt")
    .replace(/[^a-zäöüß ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const dist = (a: Point, b: Point) => haversineKm(a[0], a[1], b[0], b[1]);

/**
 * Approximate PLZ centroids from data the platform may ship (decisions.md 20: offline fallback): each PLZ is
 * placed at the town it serves (the most populous match in its Bundesland); a town name found in several places
 * takes the one nearest to its PLZ region (the PLZ's first three, else two digits); a PLZ without any match, or
 * whose match lies far from its region, gets the region's median. Accuracy is measured against a reference list
 * in the tests (about 2 km median; big cities collapse onto their centre).
 */
export function approximateCentroids(
  places: PlzPlace[],
  towns: Town[],
): Map<string, { latitude: number; longitude: number }> {
  const byName = new Map<string, Town[]>();
  for (const t of towns) {
    for (const n of new Set([t.name, ...t.altNames].map(norm).filter(Boolean))) {
      const list = byName.get(n) ?? [];
      list.push(t);
      byName.set(n, list);
    }
  }
  const names = new Map<string, { names: Set<string>; admin1: string | null }>();
  for (const p of places) {
    const e = names.get(p.plz) ?? { names: new Set<string>(), admin1: null };
    const zusatz = (p.zusatz ?? "").replace(/^,?\s*/, "");
    // "Frankfurt" + "am Main" is one name; "Wies" + "Schwarzw" are two.
    if (zusatz && /^(am|an|bei|in|im|ob|vor)\b/i.test(zusatz)) e.names.add(`${p.ort} ${zusatz}`);
    else {
      e.names.add(p.ort);
      if (zusatz) e.names.add(zusatz);
    }
    if (p.bundesland && ADMIN1[p.bundesland]) e.admin1 = ADMIN1[p.bundesland];
    names.set(p.plz, e);
  }
  const candidates = (plz: string): Town[][] => {
    const { names: ns, admin1 } = names.get(plz)!;
    return [...ns].map((n) => (byName.get(norm(n)) ?? []).filter((t) => !admin1 || t.admin1 === admin1));
  };
  const loc = new Map<string, Point>();
  const at = (t: Town): Point => [t.latitude, t.longitude];
  for (const plz of names.keys()) {
    const unique = candidates(plz)
      .filter((c) => c.length === 1)
      .map((c) => c[0]);
    if (unique.length) loc.set(plz, at(unique.sort((a, b) => b.population - a.population)[0]));
  }
  // Region centres from what is placed so far (medians resist the odd namesake placed far away).
  const centresOf = (digits: number): Map<string, Point> => {
    const groups = new Map<string, Point[]>();
    for (const [plz, p] of loc) {
      const list = groups.get(plz.slice(0, digits)) ?? [];
      list.push(p);
      groups.set(plz.slice(0, digits), list);
    }
    const out = new Map<string, Point>();
    for (const [k, pts] of groups)
      if (pts.length >= 3) out.set(k, [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))]);
    return out;
  };
  let c3 = centresOf(3);
  let c2 = centresOf(2);
  const centre = (plz: string) => c3.get(plz.slice(0, 3)) ?? c2.get(plz.slice(0, 2)) ?? null;
  for (const plz of [...names.keys()].sort()) {
    if (loc.has(plz)) continue;
    const all = candidates(plz).flat();
    const c = centre(plz);
    if (all.length)
      loc.set(plz, at(c ? all.reduce((b, t) => (dist(at(t), c) < dist(at(b), c) ? t : b)) : all[0]));
    else if (c) loc.set(plz, c);
  }
  c3 = centresOf(3);
  c2 = centresOf(2);
  for (const [plz, p] of [...loc]) {
    const r3 = c3.get(plz.slice(0, 3));
    const r2 = c2.get(plz.slice(0, 2));
    if (r3 && dist(p, r3) > OUTLIER_KM) loc.set(plz, r3);
    else if (!r3 && r2 && dist(p, r2) > OUTLIER_WIDE_KM) loc.set(plz, r2);
  }
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return new Map(
    [...loc].sort().map(([plz, [lat, lon]]) => [plz, { latitude: round(lat), longitude: round(lon) }]),
  );
}

import { haversineKm } from "../../shared/geo";
import { nameKeys } from "./place-names";

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

/** GeoNames admin1 codes of the German Länder (the PLZ list spells one of them "Schlewig-Holstein"). */
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
  "Schlewig-Holstein": "10",
  Brandenburg: "11",
  "Mecklenburg-Vorpommern": "12",
  Sachsen: "13",
  "Sachsen-Anhalt": "14",
  Thüringen: "15",
  Berlin: "16",
};

/** PLZ-order neighbours looked at on each side, and how far a place may lie from them before it is a namesake. */
const WINDOW = 5;
const NAMESAKE_KM = 35;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const dist = (a: Point, b: Point) => haversineKm(a[0], a[1], b[0], b[1]);
const at = (t: Town): Point => [t.latitude, t.longitude];

/**
 * The PLZ's place name and, from the list's note, the town it lies near: "Frankfurt" + "am Main" is one
 * name; "Schobüll" + "b Husum, Nordsee" is Schobüll near Husum; "Gem Aying" names the municipality.
 */
function namesOf(p: PlzPlace): { name: string; near: string | null } {
  const zusatz = (p.zusatz ?? "").replace(/^,?\s*/, "").trim();
  if (/^(am|an|in|im|ob|vor)\b/i.test(zusatz)) return { name: `${p.ort} ${zusatz}`, near: null };
  if (/^\(/.test(zusatz)) return { name: `${p.ort} ${zusatz}`, near: null };
  const near = /^(?:b\.?|bei|Gem\.?)\s+([^,/]+)/i.exec(zusatz)?.[1]?.trim() ?? null;
  return { name: p.ort, near };
}

/**
 * Approximate PLZ centroids from data the platform ships (decisions.md 31, docs/geocoding.md). Each place a
 * PLZ serves is looked up among the towns of its Bundesland by name (exonyms, umlauts, qualifiers folded);
 * a name found more than once takes the namesake nearest to the PLZ's neighbours in PLZ order (postal
 * codes are handed out region by region), and a match far from those neighbours is dropped as a namesake.
 * The PLZ lies at the mean of its matched places, or, with none, at the median of its neighbours.
 */
export function approximateCentroids(
  places: PlzPlace[],
  towns: Town[],
): Map<string, { latitude: number; longitude: number }> {
  const byKey = new Map<string, Town[]>();
  for (const t of towns)
    for (const k of new Set([t.name, ...t.altNames].flatMap(nameKeys))) {
      const list = byKey.get(k) ?? [];
      if (!list.includes(t)) list.push(t);
      byKey.set(k, list);
    }
  const entries = new Map<string, { names: Set<string>; near: Set<string>; admin1: string | null }>();
  for (const p of places) {
    const e = entries.get(p.plz) ?? { names: new Set<string>(), near: new Set<string>(), admin1: null };
    const { name, near } = namesOf(p);
    e.names.add(name);
    if (near) e.near.add(near);
    if (p.bundesland && ADMIN1[p.bundesland]) e.admin1 = ADMIN1[p.bundesland];
    entries.set(p.plz, e);
  }
  const codes = [...entries.keys()].sort();
  // Per PLZ: one candidate list per place name, each limited to the PLZ's Bundesland.
  const candidates = new Map<string, Town[][]>();
  for (const plz of codes) {
    const { names, near, admin1 } = entries.get(plz)!;
    const lookup = (ns: Set<string>) => {
      const lists: Town[][] = [];
      for (const n of ns) {
        const found = new Set(nameKeys(n).flatMap((k) => byKey.get(k) ?? []));
        const inLand = [...found].filter((t) => !admin1 || t.admin1 === admin1);
        if (inLand.length) lists.push(inLand);
      }
      return lists;
    };
    // The places themselves; only when none is known, the towns they are noted to lie near.
    const own = lookup(names);
    candidates.set(plz, own.length ? own : lookup(near));
  }

  let loc = new Map<string, Point>();
  // First guess from unambiguous names only.
  for (const plz of codes) {
    const unique = candidates.get(plz)!.filter((c) => c.length === 1);
    if (unique.length) loc.set(plz, mean(unique.map((c) => at(c[0]))));
  }
  const neighbourhood = (plz: string, i: number): Point | null => {
    const pts: Point[] = [];
    for (const dir of [-1, 1])
      for (let j = i + dir, n = 0; j >= 0 && j < codes.length && n < WINDOW; j += dir) {
        if (codes[j].slice(0, 2) !== plz.slice(0, 2)) break;
        const p = loc.get(codes[j]);
        if (p) {
          pts.push(p);
          n++;
        }
      }
    return pts.length >= 2 ? [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))] : null;
  };
  // Two rounds: choose namesakes by the neighbours, drop far matches, then again with the better picture.
  for (let round = 0; round < 2; round++) {
    const next = new Map<string, Point>();
    codes.forEach((plz, i) => {
      const ref = neighbourhood(plz, i);
      const chosen: Point[] = [];
      for (const list of candidates.get(plz)!) {
        const pick = ref
          ? list.reduce((b, t) => (dist(at(t), ref) < dist(at(b), ref) ? t : b))
          : list.reduce((b, t) => (t.population > b.population ? t : b));
        if (!ref || dist(at(pick), ref) <= NAMESAKE_KM) chosen.push(at(pick));
      }
      if (chosen.length) next.set(plz, mean(chosen));
      else if (ref) next.set(plz, ref);
    });
    loc = next;
  }
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return new Map(
    [...loc].sort().map(([plz, [lat, lon]]) => [plz, { latitude: round(lat), longitude: round(lon) }]),
  );
}

function mean(points: Point[]): Point {
  return [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length,
  ];
}

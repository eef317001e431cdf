import { haversineKm } from "../../shared/geo";
import { nameKeys } from "./place-names";

/** A PLZ and one place it serves, with its Bundesland and telephone area code (a PLZ list entry). */
export interface PlzPlace {
  plz: string;
  ort: string;
  zusatz?: string;
  bundesland?: string | null;
  /** Vorwahl without the leading 0: places sharing one lie in one local telephone network (a few km across). */
  vorwahl?: string | null;
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

/** Where an approximate centroid came from, best first (docs/geocoding.md). */
export type ApproximationBasis = "orte" | "nahe_orte" | "vorwahl" | "nachbarn";
export interface ApproximateCentroid {
  latitude: number;
  longitude: number;
  basis: ApproximationBasis;
}

type Point = [number, number];

/** GeoNames admin1 codes of the German Länder (the PLZ list spells one of them "Schlewig-Holstein"). */
export const ADMIN1: Record<string, string> = {
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

/**
 * How far a place may lie from the other places of its telephone area before it is taken for a namesake.
 * Local networks are rarely more than 30 km across; the largest cities' areas reach a little further.
 */
const NAMESAKE_KM = 25;
/** PLZ-order neighbours looked at on each side, and how far from them a place may lie when they judge it. */
const WINDOW = 5;
const NEIGHBOUR_KM = 35;
/** A lone match this far from all its PLZ-order neighbours is taken for a namesake (islands lie closer). */
const STRAY_KM = 100;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const dist = (a: Point, b: Point) => haversineKm(a[0], a[1], b[0], b[1]);
const at = (t: Town): Point => [t.latitude, t.longitude];
const centre = (pts: Point[]): Point => [median(pts.map((p) => p[0])), median(pts.map((p) => p[1]))];

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

/** One place of a PLZ with the towns its name (and the town it lies near) may mean. */
interface Row {
  plz: string;
  area: string | null;
  own: Town[];
  near: Town[];
  chosen: Point | null;
}

/**
 * Approximate PLZ centroids from data the platform ships (decisions.md 31, docs/geocoding.md).
 *
 * Each place a PLZ serves is looked up among the towns of its Bundesland by name (exonyms, umlauts, qualifiers
 * folded). Names are ambiguous (Neustadt, Zell, Buch) and small villages are missing from the town list while
 * a namesake elsewhere in the Land is not, so a match must agree with its telephone area: the places of one
 * Vorwahl lie close together. A name found more than once takes the namesake nearest to the other places of
 * its area; a match far from them is dropped. A PLZ lies at the mean of its matched places; with none, at the
 * towns its places are noted to lie near, else at the centre of its telephone areas, else at the median of its
 * neighbours in PLZ order (codes are handed out region by region).
 */
export function approximateCentroids(places: PlzPlace[], towns: Town[]): Map<string, ApproximateCentroid> {
  const byKey = new Map<string, Town[]>();
  for (const t of towns)
    for (const k of new Set([t.name, ...t.altNames].flatMap(nameKeys))) {
      const list = byKey.get(k) ?? [];
      if (!list.includes(t)) list.push(t);
      byKey.set(k, list);
    }
  const lookup = (name: string | null, admin1: string | null) => {
    if (!name) return [];
    const found = new Set(nameKeys(name).flatMap((k) => byKey.get(k) ?? []));
    return [...found].filter((t) => !admin1 || t.admin1 === admin1);
  };

  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    const { name, near } = namesOf(p);
    const admin1 = (p.bundesland && ADMIN1[p.bundesland]) || null;
    const key = `${p.plz}|${name}|${near}|${p.vorwahl}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // The telephone area is Land-local here: an area spanning a border is split, each part judged alone.
    const area = p.vorwahl ? `${p.vorwahl}|${admin1}` : null;
    rows.push({ plz: p.plz, area, own: lookup(name, admin1), near: lookup(near, admin1), chosen: null });
  }
  const byArea = new Map<string, Row[]>();
  for (const r of rows) if (r.area) byArea.set(r.area, [...(byArea.get(r.area) ?? []), r]);

  // Each area's anchor: the candidate town most of the area's places agree with (a place with n namesakes
  // gives each of them 1/n of a vote). Ties: the larger town. An area with fewer than two votes for its
  // anchor is too weak to judge names by.
  const anchors = new Map<string, Point>();
  for (const [area, rs] of byArea) {
    let best: { town: Town; votes: number } | null = null;
    for (const t of new Set(rs.flatMap((r) => r.own))) {
      let votes = 0;
      for (const r of rs) {
        const close = r.own.filter((o) => dist(at(o), at(t)) <= NAMESAKE_KM).length;
        if (close) votes += Math.min(1, close / r.own.length);
      }
      if (!best || votes > best.votes || (votes === best.votes && t.population > best.town.population))
        best = { town: t, votes };
    }
    if (best && best.votes >= 2) anchors.set(area, at(best.town));
  }
  const nearest = (list: Town[], ref: Point) =>
    at(list.reduce((b, t) => (dist(at(t), ref) < dist(at(b), ref) ? t : b)));
  const within = (list: Town[], ref: Point, km: number) => {
    const pick = nearest(list, ref);
    return dist(pick, ref) <= km ? pick : null;
  };
  // A strong area decides: the namesake nearest to its anchor, then to the centre of what the area chose; a
  // match far from both is dropped (a namesake of a village the town list lacks). Elsewhere, the first guess.
  for (const r of rows) {
    if (!r.own.length) continue;
    const ref = r.area ? anchors.get(r.area) : undefined;
    r.chosen = ref
      ? within(r.own, ref, NAMESAKE_KM)
      : at(r.own.reduce((b, t) => (t.population > b.population ? t : b)));
  }
  const areaCentre = (area: string | null): Point | null => {
    if (!area || !anchors.has(area)) return null;
    const pts = byArea.get(area)!.flatMap((r) => (r.chosen ? [r.chosen] : []));
    return pts.length ? centre(pts) : null;
  };
  const centres = new Map([...byArea.keys()].map((a) => [a, areaCentre(a)]));
  for (const r of rows) {
    const ref = r.area ? centres.get(r.area) : null;
    if (r.own.length && ref) r.chosen = within(r.own, ref, NAMESAKE_KM);
  }
  // Then the neighbours in PLZ order (codes are handed out region by region): they choose among the namesakes
  // of a place its area could not judge, and take back a unique match its area dropped (a wrong Vorwahl in
  // the list) if it lies among them. A unique name nothing contradicts stays (Helgoland).
  const byPlz = new Map<string, Row[]>();
  for (const r of rows) byPlz.set(r.plz, [...(byPlz.get(r.plz) ?? []), r]);
  const codes = [...byPlz.keys()].sort();
  for (let round = 0; round < 2; round++) {
    const points = plzPoints(rows);
    codes.forEach((plz, i) => {
      const ref = neighbourhood(codes, i, (c) => points.get(c));
      if (!ref) return;
      for (const r of byPlz.get(plz)!) {
        if (!r.own.length) continue;
        const judged = r.area !== null && anchors.has(r.area);
        if (!judged && r.own.length > 1) r.chosen = nearest(r.own, ref);
        else if (judged && !r.chosen) r.chosen = within(r.own, ref, NEIGHBOUR_KM);
      }
    });
  }

  const out = new Map<string, ApproximateCentroid>();
  const put = (plz: string, p: Point, basis: ApproximationBasis) =>
    out.set(plz, { latitude: p[0], longitude: p[1], basis });
  const provisional = plzPoints(rows);
  const index = new Map(codes.map((c, i) => [c, i]));
  for (const [plz, rs] of byPlz) {
    let own = uniquePoints(rs.flatMap((r) => (r.chosen ? [r.chosen] : [])));
    // The places of one PLZ lie together: where some of them lie among the PLZ's neighbours, the ones far
    // from there are namesakes; a lone match very far from every neighbour is one too (islands stay).
    const ref = neighbourhood(codes, index.get(plz)!, (c) => provisional.get(c));
    if (ref && own.length) {
      const close = own.filter((p) => dist(p, ref) <= NEIGHBOUR_KM);
      if (close.length) own = close;
      else if (own.every((p) => dist(p, ref) > STRAY_KM)) own = [];
    }
    if (own.length) {
      put(plz, mean(own), "orte");
      continue;
    }
    const areaCentres = rs.flatMap((r) => {
      const c = areaCentre(r.area);
      return c ? [c] : [];
    });
    const near = rs.flatMap((r) => {
      if (!r.near.length) return [];
      const ref = areaCentres[0];
      const pick = ref
        ? r.near.reduce((b, t) => (dist(at(t), ref) < dist(at(b), ref) ? t : b))
        : r.near.reduce((b, t) => (t.population > b.population ? t : b));
      return ref && dist(at(pick), ref) > NAMESAKE_KM ? [] : [at(pick)];
    });
    if (near.length) put(plz, mean(uniquePoints(near)), "nahe_orte");
    else if (areaCentres.length) put(plz, mean(areaCentres), "vorwahl");
  }

  // Codes nothing placed: the median of their PLZ-order neighbours in the same region.
  codes.forEach((plz, i) => {
    if (out.has(plz)) return;
    const ref = neighbourhood(codes, i, (c) => {
      const o = out.get(c);
      return o && o.basis !== "nachbarn" ? [o.latitude, o.longitude] : undefined;
    });
    if (ref) put(plz, ref, "nachbarn");
  });
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return new Map(
    [...out]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([plz, c]) => [
        plz,
        { latitude: round(c.latitude), longitude: round(c.longitude), basis: c.basis },
      ]),
  );
}

/** Each PLZ's point so far: the mean of its chosen places. */
function plzPoints(rows: Row[]): Map<string, Point> {
  const pts = new Map<string, Point[]>();
  for (const r of rows) if (r.chosen) pts.set(r.plz, [...(pts.get(r.plz) ?? []), r.chosen]);
  return new Map([...pts].map(([plz, ps]) => [plz, mean(uniquePoints(ps))]));
}

/** The median of up to WINDOW placed codes on each side in the same two-digit region (not the code itself). */
function neighbourhood(
  codes: string[],
  i: number,
  pointOf: (plz: string) => Point | undefined,
): Point | null {
  const plz = codes[i];
  const pts: Point[] = [];
  for (const dir of [-1, 1])
    for (let j = i + dir, n = 0; j >= 0 && j < codes.length && n < WINDOW; j += dir) {
      if (codes[j].slice(0, 2) !== plz.slice(0, 2)) break;
      const p = pointOf(codes[j]);
      if (p) {
        pts.push(p);
        n++;
      }
    }
  return pts.length >= 2 ? centre(pts) : null;
}

function uniquePoints(points: Point[]): Point[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const k = `${p[0]},${p[1]}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function mean(points: Point[]): Point {
  return [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length,
  ];
}

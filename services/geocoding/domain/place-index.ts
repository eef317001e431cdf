import { nameKey, nameKeys } from "./place-names";

type Centroid = { latitude: number; longitude: number };

/** A place found offline: where, under which name, and how precisely. */
export interface OfflinePlace extends Centroid {
  name: string;
  plz: string | null;
  precision: "plz" | "ort";
}

// "…, Germany" / "…, Deutschland" / "…, DE" add nothing offline.
const COUNTRY = /,?\s*\b(germany|deutschland|bundesrepublik deutschland|brd|de)\s*$/i;

/**
 * The offline geocoder's place list (issue 17.2): every place name of the shipped PLZ list with the codes that
 * serve it. A place lies at the mean of its codes' centroids, so it follows whatever centroid list is loaded.
 */
export class PlaceIndex {
  private byKey: Map<string, { name: string; codes: string[] }> | null = null;
  private readonly nameByPlz = new Map<string, string>();

  constructor(private readonly places: { plz: string; ort: string; zusatz?: string }[]) {
    const count = new Map<string, number>();
    for (const p of places) count.set(p.ort, (count.get(p.ort) ?? 0) + 1);
    // A code serving several places is named after the one that has the most codes (the town, not the hamlet).
    for (const p of places) {
      const current = this.nameByPlz.get(p.plz);
      if (!current || (count.get(p.ort) ?? 0) > (count.get(current) ?? 0)) this.nameByPlz.set(p.plz, p.ort);
    }
  }

  /** The name index, built on first use (or by `warm`): a second or so of CPU, not needed for PLZ lookups. */
  private get codesByKey(): Map<string, { name: string; codes: string[] }> {
    if (this.byKey) return this.byKey;
    const byKey = new Map<string, { name: string; codes: string[] }>();
    const keysOf = new Map<string, string[]>();
    for (const p of this.places) {
      const full = /^(am|an|in|im|ob|vor)\b|^\(/i.test((p.zusatz ?? "").trim())
        ? `${p.ort} ${p.zusatz!.trim()}`
        : p.ort;
      let keys = keysOf.get(full);
      if (!keys) keysOf.set(full, (keys = nameKeys(full)));
      for (const key of keys) {
        const e = byKey.get(key) ?? { name: full, codes: [] };
        if (!e.codes.includes(p.plz)) e.codes.push(p.plz);
        byKey.set(key, e);
      }
    }
    return (this.byKey = byKey);
  }

  warm(): void {
    void this.codesByKey;
  }

  /** The place a PLZ is named after ("80331" → "München"). */
  placeOf(plz: string): string | null {
    return this.nameByPlz.get(plz) ?? null;
  }

  /**
   * A place named in free text: the whole text, then each comma-separated part from the last, then the last
   * one to three words of each part ("Marienplatz 1 München"), so streets without a PLZ find their town.
   */
  find(text: string, centroid: (plz: string) => Centroid | null): OfflinePlace | null {
    const parts = text
      .replace(COUNTRY, "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse();
    const tries = [text.replace(COUNTRY, "").trim(), ...parts];
    for (const part of parts) {
      const words = part.split(/\s+/);
      for (let n = Math.min(3, words.length - 1); n >= 1; n--) tries.push(words.slice(-n).join(" "));
    }
    for (const t of tries) {
      const e = this.codesByKey.get(nameKey(t));
      if (!e) continue;
      // A name several towns share (Neustadt, Frankfurt) means the one with the most codes in one region.
      const regions = new Map<string, string[]>();
      for (const c of e.codes) regions.set(c.slice(0, 2), [...(regions.get(c.slice(0, 2)) ?? []), c]);
      const codes = [...regions.values()].sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]))[0];
      const pts = codes.map(centroid).filter((c): c is Centroid => c !== null);
      if (!pts.length) continue;
      const round = (x: number) => Math.round(x * 1e5) / 1e5;
      return {
        name: e.name,
        plz: codes.length === 1 ? codes[0] : null,
        precision: "ort",
        latitude: round(pts.reduce((s, p) => s + p.latitude, 0) / pts.length),
        longitude: round(pts.reduce((s, p) => s + p.longitude, 0) / pts.length),
      };
    }
    return null;
  }
}

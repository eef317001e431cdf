/** Cache keys of domain.md 2.11: addresses trimmed, lowercased, single-spaced; coordinates to 6 decimals (~11 cm). */
export const normalizeAddress = (a: string) => a.trim().toLowerCase().replace(/\s+/g, " ");

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export const coordinateKey = (lat: number, lon: number) =>
  `${round6(lat).toFixed(6)},${round6(lon).toFixed(6)}`;

/** The address text of domain.md 3.5: "strasse, plz ort" with empty parts left out. */
export function addressText(a: {
  strasse?: string | null;
  plz?: string | null;
  ort?: string | null;
}): string {
  const place = [a.plz, a.ort]
    .map((s) => (s ?? "").trim())
    .filter(Boolean)
    .join(" ");
  return [(a.strasse ?? "").trim(), place].filter(Boolean).join(", ");
}

/** Reads "plz,lat,lng" CSV text (header optional) into centroid rows; bad lines are reported, not fatal. */
export function parseCentroidCsv(text: string): {
  rows: { plz: string; latitude: number; longitude: number }[];
  errors: number;
} {
  const rows: { plz: string; latitude: number; longitude: number }[] = [];
  let errors = 0;
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split(/[,;\t]/).map((s) => s.trim().replace(/^"|"$/g, ""));
    if (parts.length < 3 || parts[0] === "" || /^plz$/i.test(parts[0])) continue;
    const [plz, lat, lon] = parts;
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (
      !/^\d{5}$/.test(plz) ||
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90
    ) {
      errors++;
      continue;
    }
    rows.push({ plz, latitude, longitude });
  }
  return { rows, errors };
}

/** A German PLZ inside free text (01001..99998), for the PLZ-centroid fallback of domain.md 3.18. */
export function plzInText(text: string): string | null {
  const m = /(?:^|\D)(\d{5})(?:\D|$)/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1001 && n <= 99998 ? m[1] : null;
}

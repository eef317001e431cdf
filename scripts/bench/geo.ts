import * as fs from "node:fs";
import * as path from "node:path";
import { haversineKm } from "../../services/shared/geo";
import { builtinCentroids, plzPlaces } from "../../services/geocoding/builtin-centroids";
import { CentroidIndex } from "../../services/geocoding/domain/centroid-index";
import { machine, median, recordSection } from "./record";

// `npm run bench:geo [-- --record]` (issue 17.1): how close the built-in PLZ centroids come to the WZB
// reference list. The list is read from ../shared/data at run time, never copied into the repository.
const CSV = path.resolve(__dirname, "../../../shared/data/plz_geocoord.csv");

/** The 20 largest German cities (by population), as the PLZ list names them. */
const CITIES = [
  "Berlin",
  "Hamburg",
  "München",
  "Köln",
  "Frankfurt am Main",
  "Stuttgart",
  "Düsseldorf",
  "Leipzig",
  "Dortmund",
  "Essen",
  "Bremen",
  "Dresden",
  "Hannover",
  "Nürnberg",
  "Duisburg",
  "Bochum",
  "Wuppertal",
  "Bielefeld",
  "Bonn",
  "Münster",
];
const LAND_OF: Record<string, string> = {
  Berlin: "Berlin",
  Hamburg: "Hamburg",
  München: "Bayern",
  Köln: "Nordrhein-Westfalen",
  "Frankfurt am Main": "Hessen",
  Stuttgart: "Baden-Württemberg",
  Düsseldorf: "Nordrhein-Westfalen",
  Leipzig: "Sachsen",
  Dortmund: "Nordrhein-Westfalen",
  Essen: "Nordrhein-Westfalen",
  Bremen: "Bremen",
  Dresden: "Sachsen",
  Hannover: "Niedersachsen",
  Nürnberg: "Bayern",
  Duisburg: "Nordrhein-Westfalen",
  Bochum: "Nordrhein-Westfalen",
  Wuppertal: "Nordrhein-Westfalen",
  Bielefeld: "Nordrhein-Westfalen",
  Bonn: "Nordrhein-Westfalen",
  Münster: "Nordrhein-Westfalen",
};
const GERMANY_CENTRE = ["51.165691", "10.451526"];
const TARGETS = { coverage: 1, medianKm: 2, p95Km: 10, maxKm: 25 };

type Pt = { latitude: number; longitude: number };
const km = (a: Pt, b: Pt) => haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
const f1 = (x: number) => x.toFixed(1);

function main() {
  if (!fs.existsSync(CSV)) {
    console.log(
      `bench:geo needs the reference list ${CSV} (../shared/data); it is absent, so nothing was measured.`,
    );
    return;
  }
  const reference = new Map<string, Pt>();
  const placeholders: string[] = [];
  for (const line of fs.readFileSync(CSV, "utf8").split("\n").slice(1)) {
    const [plz, lat, lng] = line.split(",");
    // The list puts PLZ its own geocoder could not place at the centre of Germany: not a centroid.
    if (plz && lat === GERMANY_CENTRE[0] && lng === GERMANY_CENTRE[1]) placeholders.push(plz);
    else if (plz) reference.set(plz, { latitude: Number(lat), longitude: Number(lng) });
  }
  const t0 = performance.now();
  const built = new CentroidIndex(builtinCentroids());
  const buildMs = performance.now() - t0;

  // Bundesland and city per PLZ from the shipped PLZ list; a reference PLZ the list lacks takes its
  // neighbours' (in PLZ order) when both agree.
  const places = plzPlaces();
  const land = new Map<string, string>();
  const city = new Map<string, string>();
  for (const p of places) {
    if (p.bundesland) land.set(p.plz, p.bundesland);
    const name = p.zusatz && /^(am|an)\b/.test(p.zusatz) ? `${p.ort} ${p.zusatz}` : p.ort;
    if (CITIES.includes(name) && LAND_OF[name] === p.bundesland && !city.has(p.plz)) city.set(p.plz, name);
  }
  const known = [...new Set(places.map((p) => p.plz))].sort();
  const neighbours = (plz: string) => {
    let lo = 0;
    while (lo < known.length && known[lo] < plz) lo++;
    return [known[lo - 1], known[lo]].filter(Boolean);
  };
  for (const plz of reference.keys()) {
    const [a, b] = neighbours(plz);
    if (!land.has(plz) && a && b && land.get(a) === land.get(b)) land.set(plz, land.get(a)!);
    if (!city.has(plz) && a && b && city.get(a) && city.get(a) === city.get(b)) city.set(plz, city.get(a)!);
  }
  const refList = [...reference];
  const nearestReference = (p: Pt) =>
    refList.reduce((best, cur) => (km(p, cur[1]) < km(p, best[1]) ? cur : best))[0];

  const errors: { plz: string; km: number }[] = [];
  const missing: string[] = [];
  const wrongLand: string[] = [];
  const outsideCity: string[] = [];
  for (const [plz, ref] of reference) {
    const c = built.locate(plz);
    if (!c) {
      missing.push(plz);
      continue;
    }
    errors.push({ plz, km: km(c, ref) });
    const near = nearestReference(c);
    if (land.has(plz) && land.has(near) && land.get(near) !== land.get(plz)) wrongLand.push(plz);
    if (city.has(plz) && city.get(near) !== city.get(plz)) outsideCity.push(plz);
  }
  const sorted = errors.map((e) => e.km).sort((a, b) => a - b);
  const worst = [...errors].sort((a, b) => b.km - a.km).slice(0, 10);
  const r = {
    coverage: errors.length / reference.size,
    medianKm: median(sorted),
    p95Km: quantile(sorted, 0.95),
    maxKm: sorted[sorted.length - 1],
  };
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  const cityCount = [...reference.keys()].filter((p) => city.has(p)).length;
  const lines = [
    "## Built-in PLZ centroids against the reference list (issue 17.1)",
    "",
    `Command: \`npm run bench:geo -- --record\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}.`,
    `Reference: \`../shared/data/plz_geocoord.csv\` (WZB, ${reference.size} PLZ; read at run time, not shipped); ${placeholders.length} of its entries sit at the centre of Germany (51.165691, 10.451526), a placeholder of the list's own geocoder, and are left out. Built in ${Math.round(buildMs)} ms from the shipped packages.`,
    "",
    "| measure | result | target | |",
    "|---|---|---|---|",
    `| PLZ covered | ${errors.length} of ${reference.size} (${(r.coverage * 100).toFixed(2)} %) | 100 % | ${met(missing.length === 0)} |`,
    `| error median | ${f1(r.medianKm)} km | ≤ ${TARGETS.medianKm} km | ${met(r.medianKm <= TARGETS.medianKm)} |`,
    `| error p90 / p95 / p99 | ${f1(quantile(sorted, 0.9))} / ${f1(r.p95Km)} / ${f1(quantile(sorted, 0.99))} km | p95 ≤ ${TARGETS.p95Km} km | ${met(r.p95Km <= TARGETS.p95Km)} |`,
    `| error max | ${f1(r.maxKm)} km (${worst[0]?.plz}) | ≤ ${TARGETS.maxKm} km | ${met(r.maxKm <= TARGETS.maxKm)} |`,
    `| PLZ over 10 / 25 km off | ${sorted.filter((x) => x > 10).length} / ${sorted.filter((x) => x > 25).length} | | |`,
    `| placed in another Bundesland¹ | ${wrongLand.length} | 0 | ${met(wrongLand.length === 0)} |`,
    `| PLZ of the 20 largest cities placed outside their city¹ | ${outsideCity.length} of ${cityCount} | 0 | ${met(outsideCity.length === 0)} |`,
    "",
    `Worst ten: ${worst.map((w) => `${w.plz} ${f1(w.km)} km`).join(", ")}.`,
    missing.length
      ? `Not covered: ${missing.slice(0, 30).join(", ")}${missing.length > 30 ? " …" : ""}.`
      : "",
    wrongLand.length
      ? `Other Bundesland: ${wrongLand.slice(0, 20).join(", ")}${wrongLand.length > 20 ? " …" : ""}.`
      : "",
    outsideCity.length
      ? `Outside their city: ${outsideCity.slice(0, 20).join(", ")}${outsideCity.length > 20 ? " …" : ""}.`
      : "",
    "",
    "¹ Judged by the nearest reference centroid to the placed point: its PLZ must belong to the same Bundesland",
    "(same city), by the shipped PLZ list. Cities: " + CITIES.join(", ") + ".",
  ];
  const md = lines.filter((l, i) => l !== "" || lines[i - 1] !== "").join("\n");
  console.log(md);
  if (process.argv.includes("--record")) recordSection("geo", md);
}

main();

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { haversineKm } from "../../services/shared/geo";

type Row = Record<string, any>;

export interface SeenSearch {
  at: number;
  status: number;
  body: Row;
  userAgent: string;
  contentType: string;
}

/** Invented practices around a point, the same for the same seed (names, PLZs and numbers are made up). */
export function inventedPractices(center: { lat: number; lon: number }, n: number, seed = 7): Row[] {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const lat = Math.round((center.lat + (r() - 0.5) * 0.09) * 1e5) / 1e5;
    const lon = Math.round((center.lon + (r() - 0.5) * 0.13) * 1e5) / 1e5;
    const plz = `0410${i % 8}`;
    const base: Row = {
      id: String(500000 + i),
      arzt: true,
      anrede: i % 3 ? "Frau" : "Herr",
      titel: i % 4 ? "" : "Dr.",
      vorname: `Vorname${i}`,
      name: `Erfunden${i}`,
      strasse: "Beispielweg",
      hausnummer: String(i + 1),
      plz,
      ort: "Leipzig",
      lat,
      lon,
      tel: `0341 ${100000 + i}`,
      email: i % 2 ? `praxis${i}@beispiel.example` : "",
      fg: ["Psychologische Psychotherapie"],
      psy:
        i % 5 === 1
          ? [{ heading: "Tiefenpsychologisch fundierte Psychotherapie", values: ["Einzeltherapie"] }]
          : ["Verhaltenstherapie für Erwachsene in Einzeltherapie"],
      tsz:
        i % 2
          ? [
              {
                d: "24.11.",
                t: "Mo.",
                tszDesTyps: [{ typ: "Telefonische Erreichbarkeit", sprechzeiten: [{ zeit: "9:10-10:00" }] }],
              },
            ]
          : [{ d: "2025-11-25", typTsz: [{ typ: "01", sprechzeiten: [{ z: "08:00 - 09:00" }] }] }],
    };
    if (i === 3) Object.assign(base, { arzt: false, name: "MVZ Erfunden", vorname: "" });
    if (i === 4)
      Object.assign(base, {
        fg: ["Kinder- und Jugendlichenpsychotherapie"],
        psy: ["Verhaltenstherapie für Kinder und Jugendliche in Einzeltherapie"],
      });
    return base;
  });
}

/**
 * A local stand-in for the 116117 search endpoint (`POST /api/data`, external-apis.md 1.1-1.2): answers the
 * practices within the query radius, nearest first, at most `cap` of them with `moreResults: true` when there
 * were more. `failNext(status, n)` answers the next n requests with that status (429 with Retry-After).
 */
export class Fake116117 {
  readonly searches: SeenSearch[] = [];
  /** Ids of every practice some answer contained. */
  readonly returnedIds = new Set<string>();
  cap = 10;
  delayMs = 0;
  private failures: { status: number; left: number; retryAfter: string } | null = null;
  private server: http.Server | null = null;
  url = "";

  constructor(readonly practices: Row[]) {}

  failNext(status: number, n: number, retryAfter = "0"): this {
    this.failures = { status, left: n, retryAfter };
    return this;
  }

  /** Successful searches per query point ("lat,lon,r"), to see whether a point was fetched twice. */
  answeredPoints(): Map<string, number> {
    const m = new Map<string, number>();
    for (const s of this.searches)
      if (s.status === 200) {
        const k = `${s.body.lat},${s.body.lon},${s.body.r}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
    return m;
  }

  private answer(body: Row): { status: number; json?: Row; headers?: Record<string, string> } {
    if (this.failures && this.failures.left > 0) {
      this.failures.left--;
      const headers: Record<string, string> =
        this.failures.status === 429 ? { "Retry-After": this.failures.retryAfter } : {};
      return { status: this.failures.status, headers };
    }
    if (body.locType !== "LATLON" || typeof body.lat !== "number" || typeof body.r !== "number")
      return { status: 400 };
    const hits = this.practices
      .map((p) => ({ p, km: haversineKm(body.lat, body.lon, p.lat, p.lon) }))
      .filter((h) => h.km <= body.r)
      .sort((a, b) => a.km - b.km);
    for (const h of hits.slice(0, this.cap)) this.returnedIds.add(h.p.id);
    return {
      status: 200,
      json: {
        moreResults: hits.length > this.cap,
        arztPraxisDatas: hits.slice(0, this.cap).map((h) => ({ ...h.p, distance: Math.round(h.km * 1000) })),
      },
    };
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        let body: Row = {};
        try {
          body = JSON.parse(raw);
        } catch {
          /* answered 400 below */
        }
        const a = req.url === "/api/data" && req.method === "POST" ? this.answer(body) : { status: 404 };
        this.searches.push({
          at: Date.now(),
          status: a.status,
          body,
          userAgent: String(req.headers["user-agent"] ?? ""),
          contentType: String(req.headers["content-type"] ?? ""),
        });
        setTimeout(() => {
          res.writeHead(a.status, {
            ...(a.json ? { "Content-Type": "application/json" } : {}),
            ...a.headers,
          });
          res.end(a.json ? JSON.stringify(a.json) : "");
        }, this.delayMs);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Scraper config for tests: on, aimed at the fake, no polite delay, short back-off, small grid. */
export const scraperEnv = (fake: Fake116117, folder: string): Record<string, string> => ({
  SCRAPER_ENABLED: "true",
  SCRAPER_BASE_URL: `${fake.url}/api/data`,
  SCRAPER_DELAY_MS: "0",
  SCRAPER_BACKOFF_MS: "5",
  SCRAPER_MAX_BACKOFF_MS: "20",
  SCRAPER_RETRIES: "2",
  SCRAPER_BREAKER_THRESHOLD: "2",
  SCRAPER_POLL_MS: "50",
  SCRAPER_RADIUS_KM: "5",
  SCRAPER_SPACING_KM: "6",
  SCRAPER_MAX_SPLIT_DEPTH: "1",
  SCRAPER_MIN_RADIUS_KM: "1",
  THERAPIST_IMPORT_FOLDER_PATH: folder,
});

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting, last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

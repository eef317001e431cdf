import { startApi, type TestApi } from "../../helpers/api";

/** Small deterministic generator so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  "",
  " ",
  "x".repeat(5000),
  "'; DROP TABLE patienten; --",
  "<script>alert(1)</script>",
  "{{ 7*7 }}",
  "${process.exit()}",
  "\u0000",
  "ÄÖÜß",
  [],
  [1, "a", null],
  {},
  { a: { b: [] } },
  "2024-02-30",
  "99999999999999999999",
];
const FIELDS = [
  "id",
  "patient_id",
  "therapist_id",
  "status",
  "vorname",
  "nachname",
  "anrede",
  "geschlecht",
  "plz",
  "plz_prefix",
  "symptome",
  "geburtsdatum",
  "zeitliche_verfuegbarkeit",
  "patient_responses",
  "requested_count",
  "betreff",
  "email",
  "password",
  "rolle",
  "dry_run",
  "sofort_senden",
  "ausgeschlossene_therapeuten",
  "vermittelter_therapeut_id",
  "csv",
  "snapshot",
  "arztsuche",
  "page",
  "limit",
];

/** quality.md R5 (reduced): mutated requests on every route never give a 5xx. */
describe("random and mutated requests over every route", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient", "therapist", "matching", "communication", "geocoding"] });
  }, 60_000);
  afterAll(() => api.stop());

  it("answers every one of them without a server error", async () => {
    const gateway = api.broker.getLocalService("api") as any;
    const routes = gateway.aliases
      .filter(
        (a: any) => a.action && !["auth.logout", "auth.login"].includes(a.action) && a.type !== "multipart",
      )
      .map((a: any) => ({ method: a.method === "*" ? "GET" : a.method, path: a.fullPath ?? a.path }));
    const r = rng(20261122);
    const pick = <T>(l: T[]) => l[Math.floor(r() * l.length)];
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (let k = 0; k < 30; k++) {
        const id = String(pick(["1", "0", "-5", "abc", "99999999999999999999", "1.5", "%00"]));
        const path = route.path.replace(/:[A-Za-z_]+/g, encodeURIComponent(id));
        const body: Record<string, unknown> = {};
        for (let f = 0; f < 1 + Math.floor(r() * 4); f++) body[pick(FIELDS)] = pick(NASTY);
        const query = Object.entries(body)
          .filter(([, v]) => typeof v !== "object" || v === null)
          .map(([key, v]) => `${key}=${encodeURIComponent(String(v))}`)
          .join("&");
        const res =
          route.method === "GET" || route.method === "DELETE"
            ? await api.admin(route.method, `${path}?${query}`)
            : await api.admin(route.method, path, body);
        sent++;
        if (res.status >= 500)
          failures.push(`${route.method} ${path} ${JSON.stringify(body).slice(0, 200)} -> ${res.status}`);
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 240_000);
});

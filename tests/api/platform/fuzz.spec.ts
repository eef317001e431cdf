import { startApi, type TestApi } from "../../helpers/api";
import { createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";
import { PATIENT_RULES } from "../../../services/patient/domain/fields";
import { THERAPIST_RULES } from "../../../services/therapist/domain/fields";

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

  it("answers null for every optional field of every create and update body without a server error (issue 12.4)", async () => {
    const patient = await createReadyPatient(api);
    const search = await createSearch(api, (await createReadyPatient(api)).id);
    const therapist = await createTherapist(api);
    const email = await api.staff("POST", "/api/emails", {
      therapist_id: therapist.id,
      betreff: "Betreff",
      empfaenger_email: "t@praxis.example",
      empfaenger_name: "T",
      inhalt_text: "Hallo",
    });
    const call = await api.staff("POST", "/api/phone-calls", {
      therapist_id: therapist.id,
      geplantes_datum: "2030-01-07",
      geplante_zeit: "10:00",
    });
    const user = await api.admin("POST", "/api/users", {
      email: "fuzz-null@test.local",
      password: "fuzz-password-123",
      rolle: "staff",
    });
    expect([email.status, call.status, user.status]).toEqual([201, 201, 201]);

    const patientFields = [...Object.keys(PATIENT_RULES), "zahlungsreferenz"];
    const therapistFields = Object.keys(THERAPIST_RULES);
    const newPatient = { anrede: "Frau", geschlecht: "weiblich", vorname: "Null", nachname: "Test" };
    const newTherapist = { anrede: "Herr", geschlecht: "männlich", vorname: "Null", nachname: "Test" };
    const emailFields = [
      "therapist_id",
      "patient_id",
      "betreff",
      "empfaenger_email",
      "empfaenger_name",
      "absender_email",
      "absender_name",
      "inhalt_markdown",
      "inhalt_html",
      "inhalt_text",
      "add_legal_footer",
      "status",
      "attachments",
      "antwort_erhalten",
      "antwortdatum",
      "antwortinhalt",
      "fehlermeldung",
    ];
    const callFields = [
      "therapist_id",
      "patient_id",
      "geplantes_datum",
      "geplante_zeit",
      "dauer_minuten",
      "tatsaechliches_datum",
      "tatsaechliche_zeit",
      "status",
      "ergebnis",
      "notizen",
      "wiederholen_nach",
      "therapeutenanfrage_id",
    ];
    // Every POST/PUT/PATCH route with a JSON body: a valid body, and the fields set to null one at a time.
    const bodies: { route: string; path: string; base: Record<string, unknown>; fields: string[] }[] = [
      { route: "POST /api/patients", path: "/api/patients", base: newPatient, fields: patientFields },
      {
        route: "PUT /api/patients/:id",
        path: `/api/patients/${patient.id}`,
        base: {},
        fields: patientFields,
      },
      { route: "POST /api/therapists", path: "/api/therapists", base: newTherapist, fields: therapistFields },
      {
        route: "PUT /api/therapists/:id",
        path: `/api/therapists/${therapist.id}`,
        base: {},
        fields: therapistFields,
      },
      {
        route: "POST /api/platzsuchen",
        path: "/api/platzsuchen",
        base: { patient_id: patient.id },
        fields: ["patient_id", "notizen"],
      },
      {
        route: "PUT /api/platzsuchen/:id",
        path: `/api/platzsuchen/${search.id}`,
        base: {},
        fields: [
          "status",
          "vermittelter_therapeut_id",
          "ausgeschlossene_therapeuten",
          "notizen",
          "email_template_type",
          "meeting_details",
        ],
      },
      {
        route: "POST /api/platzsuchen/:id/kontaktanfrage",
        path: `/api/platzsuchen/${search.id}/kontaktanfrage`,
        base: { requested_count: 1 },
        fields: ["requested_count", "notizen"],
      },
      {
        route: "POST /api/therapeutenanfragen/erstellen-fuer-therapeut",
        path: "/api/therapeutenanfragen/erstellen-fuer-therapeut",
        base: { therapist_id: therapist.id, plz_prefix: "52" },
        fields: ["therapist_id", "plz_prefix", "sofort_senden", "override_cooling", "begruendung"],
      },
      {
        route: "PUT /api/therapeutenanfragen/:id/antwort",
        path: "/api/therapeutenanfragen/1/antwort",
        base: { patient_responses: {} },
        fields: ["patient_responses", "notizen"],
      },
      {
        route: "POST /api/buendel/erstellen",
        path: "/api/buendel/erstellen",
        base: { dry_run: true },
        fields: ["plz_prefix", "dry_run", "sofort_senden"],
      },
      {
        route: "POST /api/emails",
        path: "/api/emails",
        base: {
          therapist_id: therapist.id,
          betreff: "B",
          empfaenger_email: "x@example.org",
          empfaenger_name: "X",
          inhalt_text: "T",
        },
        fields: emailFields,
      },
      { route: "PUT /api/emails/:id", path: `/api/emails/${email.body.id}`, base: {}, fields: emailFields },
      {
        route: "POST /api/phone-calls",
        path: "/api/phone-calls",
        base: { therapist_id: therapist.id, geplantes_datum: "2030-01-08", geplante_zeit: "11:00" },
        fields: callFields,
      },
      {
        route: "PUT /api/phone-calls/:id",
        path: `/api/phone-calls/${call.body.id}`,
        base: {},
        fields: callFields,
      },
      {
        route: "POST /api/users",
        path: "/api/users",
        base: { email: "fuzz-null-2@test.local", password: "fuzz-password-123" },
        fields: ["email", "password", "rolle"],
      },
      {
        route: "PUT /api/users/:id",
        path: `/api/users/${user.body.id}`,
        base: {},
        fields: ["email", "password", "rolle", "aktiv"],
      },
      {
        route: "PUT /api/feature-flags/:name",
        path: "/api/feature-flags/bundle_matching",
        base: { enabled: true },
        fields: ["enabled", "rollout_percentage", "override_users", "override_roles"],
      },
      {
        route: "POST /api/system-messages",
        path: "/api/system-messages",
        base: { subject: "S", message: "M" },
        fields: ["subject", "message", "sender_name"],
      },
      {
        route: "PATCH /api/patients/:id/last-contact",
        path: `/api/patients/${patient.id}/last-contact`,
        base: {},
        fields: ["date"],
      },
      {
        route: "POST /api/find-therapists",
        path: "/api/find-therapists",
        base: { patient_address: "52062 Aachen", therapists: [] },
        fields: [
          "patient_address",
          "patient_lat",
          "patient_lon",
          "therapists",
          "max_distance_km",
          "travel_mode",
        ],
      },
      {
        route: "POST /api/matching/cascade/patient-deleted",
        path: "/api/matching/cascade/patient-deleted",
        base: { patient_id: 999999 },
        fields: ["patient_id"],
      },
      {
        route: "POST /api/matching/cascade/therapist-blocked",
        path: "/api/matching/cascade/therapist-blocked",
        base: { therapist_id: 999999 },
        fields: ["therapist_id", "reason"],
      },
      {
        route: "POST /api/matching/cascade/therapist-unblocked",
        path: "/api/matching/cascade/therapist-unblocked",
        base: { therapist_id: 999999 },
        fields: ["therapist_id"],
      },
      {
        route: "POST /api/geocoding/plz-centroids",
        path: "/api/geocoding/plz-centroids",
        base: { csv: "plz,lat,lng\n52062,50.7766,6.0834" },
        fields: ["csv"],
      },
      {
        route: "POST /api/patients/import",
        path: "/api/patients/import",
        base: {
          patient_data: { anrede: "Herr", geschlecht: "männlich", vorname: "I", nachname: "N", plz: "52062" },
          registration_timestamp: "2026-11-21T18:02:00Z",
          registration_token: "c".repeat(64),
        },
        fields: ["patient_data", "registration_timestamp", "registration_token"],
      },
      {
        route: "POST /api/therapists/import",
        path: "/api/therapists/import",
        base: { plz: "52062", snapshot: [] },
        fields: ["plz", "snapshot", "arztsuche"],
      },
      {
        route: "POST /api/therapists/import/folder",
        path: "/api/therapists/import/folder",
        base: {},
        fields: ["path"],
      },
      {
        route: "POST /api/antwort/:token",
        path: "/api/antwort/not-a-token",
        base: {},
        fields: ["antwort", "notizen"],
      },
      {
        route: "POST /api/buendel/vorschlaege/:id/uebernehmen",
        path: "/api/buendel/vorschlaege/999999/uebernehmen",
        base: {},
        fields: ["sofort_senden"],
      },
      {
        route: "POST /api/auth/login",
        path: "/api/auth/login",
        base: { email: "nobody@test.local", password: "wrong-password-1" },
        fields: ["email", "password"],
      },
    ];
    // Routes without JSON body fields (or multipart): a new write route must be added above or here.
    const withoutBody = [
      "matching.send",
      "jobs.run",
      "patient.erasure",
      "auth.logout",
      "therapist.uploadPdf",
      "scraper.cancel",
      "scraper.resume",
    ];
    const gateway = api.broker.getLocalService("api") as any;
    const writes: { route: string; action: string }[] = gateway.aliases
      .filter((a: any) => a.action && ["POST", "PUT", "PATCH"].includes(a.method))
      .map((a: any) => ({ route: `${a.method} ${a.fullPath ?? a.path}`, action: a.action }));
    const covered = new Set(
      writes.filter((w) => bodies.some((b) => b.route === w.route)).map((w) => w.action),
    );
    expect(
      writes.filter((w) => !covered.has(w.action) && !withoutBody.includes(w.action)).map((w) => w.route),
    ).toEqual([]);
    const failures: string[] = [];
    for (const b of bodies) {
      for (const f of b.fields) {
        const body = { ...b.base, [f]: null };
        const [method] = b.route.split(" ");
        const res = await api.admin(method, b.path, body);
        if (res.status >= 500) failures.push(`${b.route} ${JSON.stringify(body)} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});

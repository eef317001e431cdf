import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

const base = { anrede: "Frau", geschlecht: "weiblich", vorname: "Erika", nachname: "Muster" };

describe("patients API (domain.md 4.2)", () => {
  let api: TestApi;
  let db: Client;
  const rawRow = async (id: number) =>
    (await db.query("SELECT * FROM patient_service.patienten WHERE id = $1", [id])).rows[0];

  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
  });

  it("creates a patient with defaults, ignores automatic fields and returns canonical JSON", async () => {
    const r = await api.staff("POST", "/api/patients", {
      ...base,
      startdatum: "2020-01-01",
      letzter_kontakt: "2020-01-01",
      latitude: 1,
      zeitliche_verfuegbarkeit: {
        Mo: ["9:00-12:00"],
        monday: [{ start: "14:00", end: "18:00" }],
        Di: "08:00 - 10:00; 16:00-17:00",
      },
      raeumliche_verfuegbarkeit: { max_km: 30 },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      ...base,
      status: "offen",
      startdatum: null,
      letzter_kontakt: null,
      vertraege_unterschrieben: false,
      zahlung_eingegangen: false,
      bevorzugtes_therapeutengeschlecht: "Egal",
      bevorzugtes_therapieverfahren: "egal",
      symptome: [],
      ausgeschlossene_therapeuten: [],
      raeumliche_verfuegbarkeit: { max_km: 30 },
      zeitliche_verfuegbarkeit: {
        montag: ["09:00-12:00", "14:00-18:00"],
        dienstag: ["08:00-10:00", "16:00-17:00"],
      },
      latitude: null,
      longitude: null,
      standort_unbekannt: true,
    });
    expect(r.body.zahlungsreferenz).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(r.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r.body).not.toHaveProperty("registration_token_hash");
    expect(r.body.vorqualifikation).toMatchObject({
      woechentliche_stunden: 10,
      mindeststunden_erfuellt: false,
    });

    const empty = await api.staff("POST", "/api/patients", base);
    expect(empty.body).toMatchObject({
      zeitliche_verfuegbarkeit: {},
      raeumliche_verfuegbarkeit: {},
      symptome: [],
    });
    expect(empty.body.zahlungsreferenz).not.toBe(r.body.zahlungsreferenz);
    expect(await api.staff("GET", `/api/patients/${r.body.id}`)).toMatchObject({ status: 200, body: r.body });
  });

  it("updates partially and never lets the client set automatic fields", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const r = await api.staff("PUT", `/api/patients/${p.id}`, {
      symptome: ["Mobbing"],
      zeitliche_verfuegbarkeit: { Fr: ["8:00-9:30"] },
      startdatum: "2020-01-01",
      letzter_kontakt: "2020-01-01",
      offen_fuer_gruppentherapie: true,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      vorname: "Erika",
      symptome: ["Mobbing"],
      zeitliche_verfuegbarkeit: { freitag: ["08:00-09:30"] },
      startdatum: null,
      letzter_kontakt: null,
      offen_fuer_gruppentherapie: true,
    });
    const cleared = await api.staff("PUT", `/api/patients/${p.id}`, {
      symptome: null,
      zeitliche_verfuegbarkeit: null,
    });
    expect(cleared.body).toMatchObject({ symptome: [], zeitliche_verfuegbarkeit: {} });
  });

  it("starts the search on payment only with signed contracts, once", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const unsigned = await api.staff("PUT", `/api/patients/${p.id}`, { zahlung_eingegangen: true });
    expect(unsigned.body).toMatchObject({ zahlung_eingegangen: true, startdatum: null, status: "offen" });

    const { body: q } = await api.staff("POST", "/api/patients", { ...base, vertraege_unterschrieben: true });
    expect(q).toMatchObject({ status: "offen", startdatum: null });
    const paid = await api.staff("PUT", `/api/patients/${q.id}`, { zahlung_eingegangen: true });
    expect(paid.body.status).toBe("auf_der_Suche");
    expect(paid.body.startdatum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await api.staff("PUT", `/api/patients/${q.id}`, { zahlung_eingegangen: false });
    const again = await api.staff("PUT", `/api/patients/${q.id}`, {
      zahlung_eingegangen: true,
      status: "offen",
    });
    expect(again.body.startdatum).toBe(paid.body.startdatum);

    const both = await api.staff("POST", "/api/patients", {
      ...base,
      vertraege_unterschrieben: true,
      zahlung_eingegangen: true,
      status: "in_Therapie",
    });
    expect(both.body).toMatchObject({ status: "in_Therapie", startdatum: paid.body.startdatum });
    const fresh = await api.staff("POST", "/api/patients", {
      ...base,
      vertraege_unterschrieben: true,
      zahlung_eingegangen: true,
    });
    expect(fresh.body.status).toBe("auf_der_Suche");
  });

  it("lists with case-insensitive search, status filter and pagination", async () => {
    const { body: m } = await api.staff("POST", "/api/patients", {
      ...base,
      vorname: "Jürgen",
      nachname: "Müller",
      email: "JM@example.org",
      status: "Suche_abgebrochen",
    });
    await api.staff("POST", "/api/patients", { ...base, vorname: "100%", nachname: "Rabatt" });
    const names = async (q: string) =>
      (await api.staff("GET", `/api/patients?${q}`)).body.data.map((p: any) => p.nachname);
    expect(await names("search=mül")).toEqual(["Müller"]);
    expect(await names("search=JÜRG")).toEqual(["Müller"]);
    expect(await names("search=jm%40EXAMPLE")).toEqual(["Müller"]);
    expect(await names("search=0%25")).toEqual(["Rabatt"]);
    expect(await names("search=_")).toEqual([]);
    expect(await names("status=Suche_abgebrochen")).toEqual(["Müller"]);
    expect(await names("status=Suche_abgebrochen&search=erika")).toEqual([]);
    expect((await api.staff("GET", "/api/patients?status=unbekannt")).body).toEqual({
      data: [],
      page: 1,
      limit: 20,
      total: 0,
    });
    const all = (await api.staff("GET", "/api/patients?limit=100")).body;
    const page = await api.staff("GET", "/api/patients?limit=2&page=2");
    expect(page.body).toMatchObject({ page: 2, limit: 2, total: all.total });
    expect(page.body.data.map((p: any) => p.id)).toEqual(all.data.slice(2, 4).map((p: any) => p.id));
    expect(all.data[0].id).toBeGreaterThan(m.id); // newest first
    expect((await api.staff("GET", "/api/patients?limit=5000&page=0")).body).toMatchObject({
      limit: 1000,
      page: 1,
    });
    expect((await api.staff("GET", "/api/patients?limit=abc")).body.limit).toBe(20);
  });

  it("sorts on the server by a whitelisted column, ties broken by id, and refuses unknown sort keys", async () => {
    for (const [vorname, nachname, plz] of [
      ["Anna", "zeller", "52062"],
      ["Bernd", "Albers", null],
      ["Carla", "albers", "10115"],
    ])
      await api.staff("POST", "/api/patients", { ...base, vorname, nachname, plz });
    const rows = async (q: string) =>
      (await api.staff("GET", `/api/patients?limit=100&${q}`)).body.data.filter((p: any) =>
        ["Anna", "Bernd", "Carla"].includes(p.vorname),
      );
    expect((await rows("sort=nachname")).map((p: any) => p.vorname)).toEqual(["Bernd", "Carla", "Anna"]);
    expect((await rows("sort=-nachname")).map((p: any) => p.vorname)).toEqual(["Anna", "Carla", "Bernd"]);
    // Patients without a PLZ come last in both directions.
    expect((await rows("sort=plz")).map((p: any) => p.vorname)).toEqual(["Carla", "Anna", "Bernd"]);
    expect((await rows("sort=-plz")).map((p: any) => p.vorname)).toEqual(["Anna", "Carla", "Bernd"]);
    const bad = await api.staff("GET", "/api/patients?sort=passwort");
    expect([bad.status, bad.body.type]).toEqual([400, "VALIDATION_ERROR"]);
    expect(bad.body.message).toMatch(/^Invalid sort 'passwort'\. Valid values: id, -id, nachname/);
  });

  it("answers 404 for unknown ids on every record route", async () => {
    const nf = { message: "Patient not found", type: "NOT_FOUND" };
    for (const id of ["99999", "abc", "0", "99999999999999999999"]) {
      expect(await api.staff("GET", `/api/patients/${id}`)).toMatchObject({ status: 404, body: nf });
      expect(await api.staff("PUT", `/api/patients/${id}`, { vorname: "X" })).toMatchObject({
        status: 404,
        body: nf,
      });
      expect(await api.staff("DELETE", `/api/patients/${id}`)).toMatchObject({ status: 404, body: nf });
      expect(await api.staff("PATCH", `/api/patients/${id}/last-contact`, {})).toMatchObject({
        status: 404,
        body: nf,
      });
    }
  });

  it("sets the last contact, today by default", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const bad = await api.staff("PATCH", `/api/patients/${p.id}/last-contact`, { date: "gestern" });
    expect([bad.status, bad.body.message]).toEqual([400, "Invalid date format. Use YYYY-MM-DD"]);
    const r = await api.staff("PATCH", `/api/patients/${p.id}/last-contact`, { date: "2026-11-01" });
    expect(r.body).toEqual({ message: "Last contact updated", letzter_kontakt: "2026-11-01" });
    const today = await api.staff("PATCH", `/api/patients/${p.id}/last-contact`);
    expect(today.body.letzter_kontakt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body.letzter_kontakt).toBe(
      today.body.letzter_kontakt,
    );
  });

  it("flags the two-year rule and low availability with the patient", async () => {
    const r = await api.staff("POST", "/api/patients", {
      ...base,
      erfahrung_mit_psychotherapie: true,
      letzte_sitzung_vorherige_psychotherapie: new Date(Date.now() - 200 * 86400000)
        .toISOString()
        .slice(0, 10),
      zeitliche_verfuegbarkeit: { montag: ["08:00-20:00"], dienstag: ["08:00-16:00"] },
    });
    expect(r.body.vorqualifikation).toMatchObject({
      woechentliche_stunden: 20,
      mindeststunden: 20,
      mindeststunden_erfuellt: true,
      zwei_jahres_regel_verletzt: true,
    });
    expect(r.body.vorqualifikation.hinweise).toHaveLength(1);
  });

  it("stores health and identity fields encrypted (a raw row reveals nothing)", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", {
      ...base,
      krankenversicherungsnummer: "A123456789",
      geburtsdatum: "1987-03-14",
      telefon: "0241 555123",
      strasse: "Geheimweg 7",
      symptome: ["Schlafstörungen"],
      erfahrung_mit_psychotherapie: true,
      letzte_sitzung_vorherige_psychotherapie: "2019-05-06",
      empfehler_der_unterstuetzung: "Dr. Vertraulich",
      email: "erika@example.org",
      plz: "52062",
    });
    await api.staff("PUT", `/api/patients/${p.id}`, { telefon: "0241 999888" });
    const raw = JSON.stringify(await rawRow(p.id));
    for (const secret of [
      "A123456789",
      "1987-03-14",
      "0241 555123",
      "0241 999888",
      "Geheimweg",
      "Schlafst",
      "2019-05-06",
      "Vertraulich",
    ])
      expect(raw).not.toContain(secret);
    // What staff search by stays in clear.
    for (const clear of ["Muster", "Erika", "erika@example.org", "52062"]) expect(raw).toContain(clear);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body).toMatchObject({
      geburtsdatum: "1987-03-14",
      telefon: "0241 999888",
      strasse: "Geheimweg 7",
      symptome: ["Schlafstörungen"],
      letzte_sitzung_vorherige_psychotherapie: "2019-05-06",
      empfehler_der_unterstuetzung: "Dr. Vertraulich",
    });
  });

  it("keeps the patient and answers 503 when matching cannot be reached for the delete cascade", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const r = await api.staff("DELETE", `/api/patients/${p.id}`);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({
      message: "Cannot delete patient: Matching service unavailable",
      type: "SERVICE_UNAVAILABLE",
    });
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(200);
  });

  it("records reads, lists and writes in the audit log with the user", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    await api.staff("GET", `/api/patients/${p.id}`);
    await api.staff("PUT", `/api/patients/${p.id}`, { ort: "Aachen" });
    const log = await api.admin("GET", `/api/audit?entity=patient&entity_id=${p.id}`);
    expect(log.body.data.map((e: any) => e.action)).toEqual(["update", "read", "create"]);
    expect(log.body.data[0]).toMatchObject({ user_email: "staff@test.local", details: { fields: ["ort"] } });
    await api.staff("GET", "/api/patients?limit=3");
    const lists = await api.admin("GET", "/api/audit?entity=patient&limit=100");
    const list = lists.body.data.find((e: any) => e.action === "list");
    expect(list.details.ids).toHaveLength(3);
    expect(list.details.ids[0]).toBe(p.id);
  });

  it("is for logged-in staff only", async () => {
    expect((await api.request("GET", "/api/patients", undefined, null)).status).toBe(401);
    expect((await api.request("POST", "/api/patients", base, null)).status).toBe(401);
  });
});

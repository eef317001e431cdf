import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

const base = { anrede: "Frau", geschlecht: "weiblich", vorname: "Erika", nachname: "Muster" };

describe("patients API (domain.md 4.2)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
  });
  afterAll(() => api.stop());

  it("creates a patient with defaults and ignores automatic fields", async () => {
    const r = await api.staff("POST", "/api/patients", {
      ...base,
      startdatum: "2020-01-01",
      letzter_kontakt: "2020-01-01",
      zeitliche_verfuegbarkeit: {
        Mo: ["9:00-12:00"],
        monday: [{ start: "14:00", end: "18:00" }],
        Di: "08:00 - 10:00; 16:00-17:00",
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      ...base,
      status: "offen",
      startdatum: null,
      letzter_kontakt: null,
      zahlung_eingegangen: false,
      bevorzugtes_therapeutengeschlecht: "Egal",
      bevorzugtes_therapieverfahren: "egal",
      symptome: [],
      ausgeschlossene_therapeuten: [],
      raeumliche_verfuegbarkeit: {},
      zeitliche_verfuegbarkeit: {
        montag: ["09:00-12:00", "14:00-18:00"],
        dienstag: ["08:00-10:00", "16:00-17:00"],
      },
      latitude: null,
      standort_unbekannt: true,
    });
    expect(r.body.zahlungsreferenz).toMatch(/^[A-Z0-9]{8}$/);
    expect(r.body.vorqualifikation).toMatchObject({
      woechentliche_stunden: 10,
      verfuegbarkeit_ausreichend: false,
    });
  });

  it.each([
    [{ anrede: "Dr" }, "Invalid anrede 'Dr'. Valid values: Herr, Frau"],
    [{ geschlecht: "m" }, "Invalid geschlecht 'm'. Valid values: männlich, weiblich, divers, keine_Angabe"],
    [
      { status: "OPEN" },
      "Invalid status 'OPEN'. Valid values: offen, auf_der_Suche, in_Therapie, Therapie_abgeschlossen, Suche_abgebrochen, Therapie_abgebrochen",
    ],
    [
      { bevorzugtes_therapeutengeschlecht: "Frau" },
      "Invalid gender preference 'Frau'. Valid values: Männlich, Weiblich, Egal",
    ],
    [
      { bevorzugtes_therapieverfahren: "Psychoanalyse" },
      "Invalid therapy method 'Psychoanalyse'. Valid values: egal, Verhaltenstherapie, tiefenpsychologisch_fundierte_Psychotherapie",
    ],
    [{ geburtsdatum: "01.02.1990" }, "Invalid date format for geburtsdatum. Use YYYY-MM-DD"],
    [
      { erster_therapieplatz_am: "2024-13-01" },
      "Invalid date format for erster_therapieplatz_am. Use YYYY-MM-DD",
    ],
    [
      { funktionierender_therapieplatz_am: "x" },
      "Invalid date format for funktionierender_therapieplatz_am. Use YYYY-MM-DD",
    ],
    [
      { letzte_sitzung_vorherige_psychotherapie: "2024-2-1" },
      "Invalid date format for letzte_sitzung_vorherige_psychotherapie. Use YYYY-MM-DD",
    ],
    [{ symptome: [] }, "At least one symptom is required"],
    [{ symptome: "Schlafstörungen" }, "Symptoms must be provided as an array"],
    [
      { symptome: ["Schlafstörungen", "Mobbing", "Zwänge", "Einsamkeit"] },
      "Between 1 and 3 symptoms must be selected",
    ],
    [{ symptome: ["Herzrasen"] }, "Invalid symptom: 'Herzrasen'. Must be from the predefined list"],
    [{ vorname: "" }, "Field 'vorname' is required"],
  ])("refuses %j with the contract's message and stores nothing", async (patch, message) => {
    const before = (await api.staff("GET", "/api/patients")).body.total;
    const r = await api.staff("POST", "/api/patients", { ...base, ...patch });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(message);
    expect(r.body.type).toBe("VALIDATION_ERROR");
    expect((await api.staff("GET", "/api/patients")).body.total).toBe(before);
  });

  it("validates PUT like POST and leaves the record unchanged on error", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const r = await api.staff("PUT", `/api/patients/${p.id}`, { vorname: "Neu", geschlecht: "x" });
    expect(r.status).toBe(400);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body.vorname).toBe("Erika");
    const ok = await api.staff("PUT", `/api/patients/${p.id}`, { vorname: "Neu", symptome: ["Mobbing"] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ vorname: "Neu", symptome: ["Mobbing"] });
  });

  it("starts the search on payment only with signed contracts, once", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const unsigned = await api.staff("PUT", `/api/patients/${p.id}`, { zahlung_eingegangen: true });
    expect(unsigned.body).toMatchObject({ zahlung_eingegangen: true, startdatum: null, status: "offen" });

    const { body: q } = await api.staff("POST", "/api/patients", { ...base, vertraege_unterschrieben: true });
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
    });
    expect(both.body.status).toBe("auf_der_Suche");
  });

  it("lists with case-insensitive search, status filter and pagination", async () => {
    await api.staff("POST", "/api/patients", {
      ...base,
      vorname: "Jürgen",
      nachname: "Müller",
      email: "JM@example.org",
    });
    expect(
      (await api.staff("GET", "/api/patients?search=mül")).body.data.map((p: any) => p.nachname),
    ).toEqual(["Müller"]);
    expect((await api.staff("GET", "/api/patients?search=jm@EXAMPLE")).body.total).toBe(1);
    expect((await api.staff("GET", "/api/patients?status=unbekannt")).body).toEqual({
      data: [],
      page: 1,
      limit: 20,
      total: 0,
    });
    const page = await api.staff("GET", "/api/patients?limit=2&page=2");
    expect(page.body).toMatchObject({ page: 2, limit: 2 });
    expect(page.body.data).toHaveLength(2);
    expect((await api.staff("GET", "/api/patients?limit=500")).body.limit).toBe(100);
  });

  it("answers 404 for unknown ids and updates the last contact", async () => {
    expect((await api.staff("GET", "/api/patients/99999")).body).toEqual({
      message: "Patient not found",
      type: "NOT_FOUND",
    });
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const bad = await api.staff("PATCH", `/api/patients/${p.id}/last-contact`, { date: "gestern" });
    expect(bad.body.message).toBe("Invalid date format. Use YYYY-MM-DD");
    const r = await api.staff("PATCH", `/api/patients/${p.id}/last-contact`, { date: "2026-11-01" });
    expect(r.body).toEqual({ message: "Last contact updated", letzter_kontakt: "2026-11-01" });
  });

  it("flags the two-year rule", async () => {
    const r = await api.staff("POST", "/api/patients", {
      ...base,
      erfahrung_mit_psychotherapie: true,
      letzte_sitzung_vorherige_psychotherapie: new Date(Date.now() - 200 * 86400000)
        .toISOString()
        .slice(0, 10),
    });
    expect(r.body.vorqualifikation.zwei_jahres_regel_verletzt).toBe(true);
  });

  it("stores health and identity fields encrypted (a raw row reveals nothing)", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", {
      ...base,
      krankenversicherungsnummer: "A123456789",
      geburtsdatum: "1987-03-14",
      telefon: "0241 555123",
      strasse: "Geheimweg 7",
      symptome: ["Schlafstörungen"],
    });
    const c = new Client({ connectionString: api.databaseUrl });
    await c.connect();
    const { rows } = await c.query("SELECT * FROM patient_service.patienten WHERE id = $1", [p.id]);
    await c.end();
    const raw = JSON.stringify(rows[0]);
    for (const secret of ["A123456789", "1987-03-14", "0241 555123", "Geheimweg", "Schlafst"])
      expect(raw).not.toContain(secret);
    expect(raw).toContain("Muster");
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body).toMatchObject({
      geburtsdatum: "1987-03-14",
      symptome: ["Schlafstörungen"],
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

  it("records reads and writes in the audit log", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    await api.staff("GET", `/api/patients/${p.id}`);
    const log = await api.admin("GET", `/api/audit?entity=patient&entity_id=${p.id}`);
    expect(log.body.data.map((e: any) => e.action)).toEqual(["read", "create"]);
    expect(log.body.data[0].user_email).toBe("staff@test.local");
  });
});

import { startApi, type TestApi } from "../../helpers/api";
import { minimalPdf } from "../../helpers/pdf";

const base = {
  anrede: "Herr",
  geschlecht: "männlich",
  vorname: "Max",
  nachname: "Beispiel",
  plz: "52062",
  ort: "Aachen",
};

describe("therapists API (domain.md 4.3)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["therapist"] });
  });
  afterAll(() => api.stop());

  it("creates with defaults and canonical phone hours", async () => {
    const r = await api.staff("POST", "/api/therapists", {
      ...base,
      email: "praxis@example.org",
      telefonische_erreichbarkeit: { Di: ["8:00-9:00"], "Mo.": "9:10-10:00, 12:00 - 12:50" },
      fremdsprachen: ["Englisch"],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: "aktiv",
      kassensitz: true,
      psychotherapieverfahren: "egal",
      potenziell_verfuegbar: false,
      ueber_curavani_informiert: false,
      telefonische_erreichbarkeit: { montag: ["09:10-10:00", "12:00-12:50"], dienstag: ["08:00-09:00"] },
      fremdsprachen: ["Englisch"],
      arbeitszeiten: {},
      bevorzugte_diagnosen: [],
    });
  });

  it.each([
    [{ status: "blocked" }, "Invalid status 'blocked'. Valid values: aktiv, gesperrt, inaktiv"],
    [{ anrede: "Mx" }, "Invalid anrede 'Mx'. Valid values: Herr, Frau"],
    [
      { geschlechtspraeferenz: "egal" },
      "Invalid gender preference 'egal'. Valid values: Männlich, Weiblich, Egal",
    ],
    [
      { psychotherapieverfahren: "VT" },
      "Invalid therapy method 'VT'. Valid values: egal, Verhaltenstherapie, tiefenpsychologisch_fundierte_Psychotherapie",
    ],
    [{ sperrdatum: "morgen" }, "Invalid date format for sperrdatum. Use YYYY-MM-DD"],
  ])("refuses %j with the contract's message", async (patch, message) => {
    const r = await api.staff("POST", "/api/therapists", { ...base, ...patch });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(message);
  });

  it("filters by status, potenziell_verfuegbar (strictly), search over names and methods, and PLZ prefix", async () => {
    await api.staff("POST", "/api/therapists", {
      ...base,
      nachname: "Tiefmann",
      psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
      plz: "10115",
      ort: "Berlin",
    });
    await api.staff("POST", "/api/therapists", {
      ...base,
      nachname: "Verhalt",
      psychotherapieverfahren: "Verhaltenstherapie",
      potenziell_verfuegbar: true,
    });
    const bad = await api.staff("GET", "/api/therapists?potenziell_verfuegbar=yes");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid boolean value 'yes'. Use 'true' or 'false'.");
    expect(
      (await api.staff("GET", "/api/therapists?potenziell_verfuegbar=true")).body.data.map(
        (t: any) => t.nachname,
      ),
    ).toEqual(["Verhalt"]);
    expect(
      (await api.staff("GET", "/api/therapists?search=tiefen")).body.data.map((t: any) => t.nachname),
    ).toEqual(["Tiefmann"]);
    expect(
      (await api.staff("GET", "/api/therapists?search=verhaltens")).body.data.map((t: any) => t.nachname),
    ).toEqual(["Verhalt"]);
    expect((await api.staff("GET", "/api/therapists?plz_prefix=10")).body.total).toBe(1);
    expect((await api.staff("GET", "/api/therapists?status=weg")).body.total).toBe(0);
  });

  it("sorts on the server by name, PLZ, status and cooling end, and refuses an unknown sort key", async () => {
    const made: number[] = [];
    for (const [nachname, plz, naechster] of [
      ["Sortb", "52070", "2026-12-20"],
      ["sorta", "52080", null],
      ["Sortc", "52060", "2026-12-10"],
    ] as const)
      made.push(
        (
          await api.staff("POST", "/api/therapists", {
            ...base,
            nachname,
            plz,
            naechster_kontakt_moeglich: naechster,
          })
        ).body.id,
      );
    const names = async (sort: string) =>
      (await api.staff("GET", `/api/therapists?search=sort&sort=${sort}`)).body.data.map(
        (t: any) => t.nachname,
      );
    expect(await names("nachname")).toEqual(["sorta", "Sortb", "Sortc"]);
    expect(await names("-nachname")).toEqual(["Sortc", "Sortb", "sorta"]);
    expect(await names("plz")).toEqual(["Sortc", "Sortb", "sorta"]);
    expect(await names("naechster_kontakt_moeglich")).toEqual(["Sortc", "Sortb", "sorta"]);
    expect(await names("-id")).toEqual(["Sortc", "sorta", "Sortb"]);
    const bad = await api.staff("GET", "/api/therapists?sort=passwort");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid sort 'passwort'\. Valid values: nachname, -nachname/);
  });

  it("sets the block date and emits a block event when a therapist is blocked", async () => {
    const { body: t } = await api.staff("POST", "/api/therapists", base);
    const r = await api.staff("PUT", `/api/therapists/${t.id}`, {
      status: "gesperrt",
      sperrgrund: "Beschwerde",
    });
    expect(r.body).toMatchObject({
      status: "gesperrt",
      sperrgrund: "Beschwerde",
      sperrdatum: expect.stringMatching(/^\d{4}-/),
    });
    const db = (api.broker.getLocalService("therapist") as any).db;
    const [rows] = await db.query(
      "SELECT event_type, envelope FROM platform.outbox WHERE event_type = 'therapist.blocked'",
    );
    expect(rows.map((x: any) => x.envelope.payload)).toContainEqual({
      therapist_id: t.id,
      reason: "Beschwerde",
    });
  });

  it("extends cooling but never shortens it", async () => {
    const { body: t } = await api.staff("POST", "/api/therapists", base);
    await api.broker.call("therapist.applyCooling", { therapist_id: t.id, until: "2026-12-20" });
    await api.broker.call("therapist.applyCooling", { therapist_id: t.id, until: "2026-12-01" });
    expect((await api.staff("GET", `/api/therapists/${t.id}`)).body.naechster_kontakt_moeglich).toBe(
      "2026-12-20",
    );
  });

  it("answers 404 for unknown therapists and 503 when the delete check cannot reach matching", async () => {
    expect((await api.staff("GET", "/api/therapists/424242")).body).toEqual({
      message: "Therapist not found",
      type: "NOT_FOUND",
    });
    const { body: t } = await api.staff("POST", "/api/therapists", base);
    expect((await api.staff("DELETE", `/api/therapists/${t.id}`)).status).toBe(503);
  });

  it("stores PDF forms with sanitised names, refuses files that are not PDFs by structure, lists names only", async () => {
    const { body: t } = await api.staff("POST", "/api/therapists", base);
    const upload = async (name: string, content: string | Buffer) => {
      const form = new FormData();
      form.append("file", new Blob([content], { type: "application/pdf" }), name);
      const res = await fetch(`${api.url}/api/therapists/${t.id}/pdfs`, {
        method: "POST",
        headers: { authorization: `Bearer ${api.staffToken}` },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const pdf = await minimalPdf();
    const first = await upload("../Anmeldebogen Ärzte für Übersicht.pdf", pdf);
    expect(first.body).toMatchObject({ filename: expect.any(String) });
    expect(first.status).toBe(201);
    expect(first.body.filename).toBe("Anmeldebogen Ärzte für Übersicht.pdf");
    expect((await upload("Anmeldebogen Ärzte für Übersicht.pdf", pdf)).body.filename).toBe(
      "Anmeldebogen Ärzte für Übersicht (2).pdf",
    );
    // Only the start or the frame of a PDF is not a PDF (issue 11): header only, header and end marker with
    // no objects, a page tree with no pages, a real PDF cut in half, another file type.
    const fakes: [string, string | Buffer][] = [
      ["kopf.pdf", "%PDF-1.4 test"],
      ["rahmen.pdf", "%PDF-1.4\n% Anamnesebogen der Praxis\n%%EOF\n"],
      [
        "leer.pdf",
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
      ],
      ["halb.pdf", pdf.subarray(0, Math.floor(pdf.length / 2))],
      ["virus.pdf", "MZ not a pdf"],
      ["echt.exe", pdf],
    ];
    for (const [name, content] of fakes) {
      const r = await upload(name, content);
      expect([name, r.status, r.body.message, r.body.type]).toEqual([
        name,
        400,
        "Only PDF files are allowed",
        "NOT_A_PDF",
      ]);
    }
    const list = await api.staff("GET", `/api/therapists/${t.id}/pdfs`);
    expect(list.body.pdf_count).toBe(2);
    // Names only: no server path (the folder layout of the server stays private).
    expect(list.body.pdfs).toEqual([
      {
        filename: "Anmeldebogen Ärzte für Übersicht (2).pdf",
        size: pdf.length,
        path: `${t.id}/Anmeldebogen Ärzte für Übersicht (2).pdf`,
      },
      {
        filename: "Anmeldebogen Ärzte für Übersicht.pdf",
        size: pdf.length,
        path: `${t.id}/Anmeldebogen Ärzte für Übersicht.pdf`,
      },
    ]);
    const download = (name: string, token = api.staffToken) =>
      fetch(`${api.url}/api/therapists/${t.id}/pdfs/${encodeURIComponent(name)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const got = await download("Anmeldebogen Ärzte für Übersicht (2).pdf");
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toMatch(/^application\/pdf/);
    expect(got.headers.get("content-disposition")).toContain(
      encodeURIComponent("Anmeldebogen Ärzte für Übersicht (2).pdf"),
    );
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await download("../../etc/passwd")).status).toBe(404);
    expect((await download("fehlt.pdf")).status).toBe(404);
    expect(
      (await fetch(`${api.url}/api/therapists/${t.id}/pdfs/${encodeURIComponent("fehlt.pdf")}`)).status,
    ).toBe(401);
    const one = await api.staff(
      "DELETE",
      `/api/therapists/${t.id}/pdfs?filename=${encodeURIComponent("Anmeldebogen Ärzte für Übersicht (2).pdf")}`,
    );
    expect(one.body.files_deleted).toBe(1);
    expect((await api.staff("DELETE", `/api/therapists/${t.id}/pdfs`)).body.files_deleted).toBe(1);
  });

  it("gives other services only the columns they ask for, and only real columns", async () => {
    const t = await api.staff("POST", "/api/therapists", { ...base, plz: "52066" });
    const rows: any[] = await api.broker.call("therapist.listForMatching", {
      plz_prefix: "52",
      fields: ["id", "nachname", "email; DROP TABLE therapist_service.therapeuten", "geo_source"],
    });
    expect(rows.find((r) => r.id === t.body.id)).toEqual({ id: t.body.id, nachname: base.nachname });
  });
});

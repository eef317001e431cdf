import * as fs from "node:fs";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";

const FIXTURES = path.resolve(__dirname, "../../fixtures/116117");

/** A 116117 response of `n` invented adults in PLZ 04109, padded so the body grows past the JSON limit. */
function bigArztsuche(n: number) {
  return {
    moreResults: false,
    arztPraxisDatas: Array.from({ length: n }, (_, i) => ({
      id: `9${i}`,
      arzt: true,
      anrede: i % 2 ? "Herr" : "Frau",
      vorname: `Vorname${i}`,
      name: `Gross${i}`,
      strasse: "Langer Weg",
      hausnummer: String(i),
      plz: "04109",
      ort: "Leipzig",
      psy: ["Verhaltenstherapie für Erwachsene in Einzeltherapie"],
      zb: ["x".repeat(400)],
    })),
  };
}

describe("therapist import by file upload (multipart)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      groups: ["therapist"],
      env: { THERAPIST_IMPORT_MAX_BYTES: String(3 * 1024 * 1024) },
    });
  });
  afterAll(() => api.stop());

  const upload = async (
    name: string,
    content: string | Buffer,
    fields: Record<string, string> = {},
    token = api.adminToken,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (name) form.append("file", new Blob([content]), name);
    const res = await fetch(`${api.url}/api/therapists/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("imports a saved HTML result page; unreadable practices are failures of the report", async () => {
    const r = await upload("saved-page.html", fs.readFileSync(path.join(FIXTURES, "saved-page.html")));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ file: "saved-page.html", total: 6, created: 3, skipped: 1, failed: 2 });
    expect(r.body.errors.map((e: any) => e.type).sort()).toEqual([
      "Failed to parse HTML result: name without first name and surname",
      "Failed to parse HTML result: no 'PLZ Ort' line",
    ]);
    const list = (await api.staff("GET", "/api/therapists?search=Beispiel")).body.data;
    expect(list[0]).toMatchObject({
      vorname: "Anna",
      plz: "04107",
      telefonische_erreichbarkeit: { montag: ["09:10-10:00"], donnerstag: ["12:00-12:50", "17:00-17:30"] },
    });
    // The same page again changes nothing.
    const again = await upload("saved-page.html", fs.readFileSync(path.join(FIXTURES, "saved-page.html")));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("detects snapshot and 116117 JSON files by shape; a snapshot takes its PLZ from the form or the file name", async () => {
    const snapshot = fs.readFileSync(path.join(FIXTURES, "snapshot-04107.json"));
    const r = await upload("export.json", snapshot, { plz: "04107" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ file: "export.json", total: 2 });
    const raw = await upload("leipzig.json", fs.readFileSync(path.join(FIXTURES, "leipzig-arztsuche.json")));
    expect(raw.body).toMatchObject({ total: 6, truncated: true });
    const status = await api.staff("GET", "/api/therapists/import-status");
    expect(status.body.recent_imports[0]).toMatchObject({
      file: "leipzig.json",
      source: "116117",
      therapist_count: 6,
    });
    expect(status.body.recent_imports[1]).toMatchObject({
      file: "export.json",
      source: "snapshot",
      plz: "04107",
    });
  });

  it("takes files larger than the JSON body limit, which a JSON body cannot carry", async () => {
    const data = bigArztsuche(3000);
    const text = JSON.stringify(data);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect((await api.admin("POST", "/api/therapists/import", { arztsuche: data })).status).toBe(413);
    const r = await upload("gross.json", text);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 3000, created: 3000, failed: 0 });
  });

  it("answers 400 for a wrong, unreadable or missing file, 413 for a too large one, 415 for other bodies", async () => {
    expect((await upload("liste.xlsx", "PK\u0003\u0004")).body).toMatchObject({
      type: "UNSUPPORTED_FILE_TYPE",
      message: expect.stringMatching(/^Unsupported file type '\.xlsx'/),
    });
    const broken = await upload("52062.json", '{"therapists": [');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      type: "UNREADABLE_FILE",
      message: expect.stringMatching(/^Unreadable file: invalid JSON/),
    });
    expect((await upload("leer.html", "<html><body>Keine Treffer</body></html>")).body.type).toBe(
      "UNREADABLE_FILE",
    );
    expect((await upload("52062.json", '{"foo": []}')).status).toBe(400);
    const missing = await upload("", "", { plz: "52062" });
    expect(missing.status).toBe(400);
    expect(missing.body.type).toBe("IMPORT_FILE_MISSING");
    const tooLarge = await upload("riesig.json", Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ type: "PAYLOAD_TOO_LARGE", message: "File too large (max 3 MiB)" });
    const text = await fetch(`${api.url}/api/therapists/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.adminToken}`, "content-type": "text/plain" },
      body: "hello",
    });
    expect(text.status).toBe(415);
    expect((await upload("saved-page.html", "<html></html>", {}, api.staffToken)).status).toBe(403);
  });
});

import * as fs from "node:fs";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../fixtures/116117", name), "utf8"));

describe("therapist import from 116117 data (domain.md 3.17, decisions.md 18-19)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["therapist"] });
  });
  afterAll(() => api.stop());
  const byName = async (nachname: string) =>
    (await api.staff("GET", `/api/therapists?search=${encodeURIComponent(nachname)}`)).body.data.find(
      (t: any) => t.nachname === nachname,
    );

  it("imports a raw 116117 result: adults only, persons only, both time-slot shapes, failures isolated", async () => {
    const r = await api.admin("POST", "/api/therapists/import", {
      arztsuche: fixture("leipzig-arztsuche.json"),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      total: 6,
      created: 3,
      skipped: 2,
      failed: 1,
      truncated: true,
      success_rate: 75,
    });
    expect(r.body.errors[0].type).toMatch(/Failed to map therapist data/);
    const anna = await byName("Beispiel");
    expect(anna).toMatchObject({
      anrede: "Frau",
      geschlecht: "weiblich",
      titel: "Dr.",
      strasse: "Musterstraße 12a",
      psychotherapieverfahren: "Verhaltenstherapie",
      latitude: 51.3301,
      telefonische_erreichbarkeit: { montag: ["09:10-10:00"], donnerstag: ["12:00-12:50", "17:00-17:30"] },
      fremdsprachen: ["Englisch"],
      status: "aktiv",
      kassensitz: true,
    });
    const bernd = await byName("Meyer-Schulz");
    expect(bernd).toMatchObject({
      psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
      telefonische_erreichbarkeit: { dienstag: ["08:00-09:00"] },
    });
    const clara = await byName("Null");
    expect(clara).toMatchObject({
      ort: null,
      psychotherapieverfahren: "egal",
      telefonische_erreichbarkeit: {},
    });
    expect(await byName("Kindlich")).toBeUndefined();
  });

  it("changes nothing on the same data again and never overwrites manual fields", async () => {
    const anna = await byName("Beispiel");
    await api.staff("PUT", `/api/therapists/${anna.id}`, { potenziell_verfuegbar: true, status: "inaktiv" });
    const before = (await api.staff("GET", `/api/therapists/${anna.id}`)).body;
    const r = await api.admin("POST", "/api/therapists/import", {
      arztsuche: fixture("leipzig-arztsuche.json"),
    });
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const after = (await api.staff("GET", `/api/therapists/${anna.id}`)).body;
    expect(after.updated_at).toBe(before.updated_at);
    expect(after).toMatchObject({ potenziell_verfuegbar: true, status: "inaktiv" });
  });

  it("recognises a surname change, keeps the e-mail, maps methods and flags therapists missing from a newer snapshot", async () => {
    const r = await api.admin("POST", "/api/therapists/import", {
      plz: "04107",
      snapshot: fixture("snapshot-04107.json"),
    });
    expect(r.body).toMatchObject({ created: 1, updated: 1 });
    expect(await byName("Beispiel")).toBeUndefined();
    const renamed = await byName("Neuname");
    expect(renamed).toMatchObject({ email: "praxis@beispiel.example", vorname: "Anna" });
    expect(await byName("Erwachsen")).toMatchObject({
      psychotherapieverfahren: "egal",
      telefonische_erreichbarkeit: { dienstag: ["08:00-09:00"] },
    });
    const gone = await api.admin("POST", "/api/therapists/import", {
      plz: "04107",
      snapshot: { therapists: [fixture("snapshot-04107.json").therapists[1]] },
    });
    expect(gone.status).toBe(200);
    expect((await byName("Neuname")).fehlt_in_quelle_seit).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const status = await api.staff("GET", "/api/therapists/import-status");
    expect(status.body.files_processed_today).toBe(4);
    const wrongShape = await api.admin("POST", "/api/therapists/import", { snapshot: { foo: [] } });
    expect(wrongShape.body.message).toBe("Invalid file structure: missing therapists array");
    // docs/therapists.md: a JSON body of the wrong shape keeps the earlier API's type, a file gets UNREADABLE_FILE.
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.type).toBe("VALIDATION_ERROR");
  });
});

import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient } from "../../helpers/factories";
import { SYMPTOMS } from "../../../services/shared/symptoms";

/** Free-text notes and health fields at rest (issue 11 "Data minimisation"): what a database dump shows. */
describe("notes and health fields are unreadable and length-hiding at rest", () => {
  let api: TestApi;
  let db: Client;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS });
    await loadCentroids(api, ["52062"]);
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db.end();
    await api.stop();
  });
  const raw = async (id: number) =>
    (await db.query("SELECT notizen FROM matching_service.platzsuche WHERE id = $1", [id])).rows[0].notizen;

  it("stores search notes encrypted and shows them decrypted through the API", async () => {
    const p = await createReadyPatient(api);
    const s = await api.staff("POST", "/api/platzsuchen", {
      patient_id: p.id,
      notizen: "Suizidgedanken erwähnt",
    });
    expect(s.status).toBe(201);
    await api.staff("PUT", `/api/platzsuchen/${s.body.id}`, { notizen: "Hausarzt informiert" });
    await api.staff("POST", `/api/platzsuchen/${s.body.id}/kontaktanfrage`, {
      requested_count: 2,
      notizen: "Panikattacken nachts",
    });
    const stored = await raw(s.body.id);
    expect(stored).toMatch(/^enc:v2:/);
    for (const secret of ["Suizid", "Hausarzt", "Panik"]) expect(stored).not.toContain(secret);
    const notes = (await api.staff("GET", `/api/platzsuchen/${s.body.id}`)).body.notizen;
    expect(notes).toContain("Suizidgedanken erwähnt");
    expect(notes).toContain("Hausarzt informiert");
    expect(notes).toContain("Panikattacken nachts");
  });

  it("seals notes an earlier version stored in clear, and still reads them", async () => {
    const p = await createReadyPatient(api);
    const s = (await api.staff("POST", "/api/platzsuchen", { patient_id: p.id })).body;
    await db.query("UPDATE matching_service.platzsuche SET notizen = $1 WHERE id = $2", [
      "[2026-01-01 10:00 (API)] Alte Notiz: Essstörung",
      s.id,
    ]);
    expect((await api.staff("GET", `/api/platzsuchen/${s.id}`)).body.notizen).toContain("Essstörung");
    const run = await api.admin("POST", "/api/jobs/matching.seal-notes/run");
    expect(run.body).toMatchObject({ status: "ok" });
    expect(run.body.result.sealed).toBeGreaterThanOrEqual(1);
    expect(await raw(s.id)).toMatch(/^enc:v2:/);
    expect((await api.staff("GET", `/api/platzsuchen/${s.id}`)).body.notizen).toContain("Essstörung");
  });

  it("gives patients with any one symptom ciphertexts of one length", async () => {
    const ids: number[] = [];
    for (const symptom of SYMPTOMS) ids.push((await createReadyPatient(api, { symptome: [symptom] })).id);
    const rows = await db.query(
      "SELECT DISTINCT length(symptome) AS n FROM patient_service.patienten WHERE id = ANY($1)",
      [ids],
    );
    expect(rows.rows).toHaveLength(1);
  });
});

import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

/**
 * Issue 11: a double-clicked form created two patients. POST with `Idempotency-Key`: a repeat by the same user
 * within IDEMPOTENCY_KEY_HOURS answers the first result and creates nothing, also when the repeats arrive in
 * parallel; the same key with another body is refused with 422. Stored answers are encrypted and purged.
 */
describe("Idempotency-Key on POST creations", () => {
  let api: TestApi;
  let db: Client;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
  });

  const post = async (path: string, body: unknown, key: string | null, token = api.staffToken) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    };
    if (key !== null) headers["idempotency-key"] = key;
    const res = await fetch(api.url + path, { method: "POST", headers, body: JSON.stringify(body) });
    return {
      status: res.status,
      body: (await res.json()) as any,
      replayed: res.headers.get("idempotent-replayed"),
    };
  };
  const patient = (nachname: string) => ({
    anrede: "Frau",
    geschlecht: "weiblich",
    vorname: "Ida",
    nachname,
  });
  const countNamed = async (nachname: string) =>
    (await api.staff("GET", `/api/patients?search=${nachname}`)).body.total as number;

  it("answers a repeat with the first result and creates nothing", async () => {
    const first = await post("/api/patients", patient("Einmalig"), "key-repeat-1");
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const again = await post("/api/patients", patient("Einmalig"), "key-repeat-1");
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.replayed).toBe("true");
    expect(await countNamed("Einmalig")).toBe(1);
  });

  it("creates exactly one record from five parallel repeats, and all five get its answer", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post("/api/patients", patient("Parallelklick"), "key-parallel-1")),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countNamed("Parallelklick")).toBe(1);
  });

  it("refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED and creates nothing", async () => {
    expect((await post("/api/patients", patient("Erstkoerper"), "key-reuse-1")).status).toBe(201);
    const other = await post("/api/patients", patient("Zweitkoerper"), "key-reuse-1");
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await countNamed("Zweitkoerper")).toBe(0);
  });

  it("keeps keys per user: another user's same key is a new request", async () => {
    expect((await post("/api/patients", patient("Properson"), "key-user-1")).status).toBe(201);
    const admin = await post("/api/patients", patient("Properson"), "key-user-1", api.adminToken);
    expect(admin.status).toBe(201);
    expect(admin.replayed).toBeNull();
    expect(await countNamed("Properson")).toBe(2);
  });

  it("does not keep a refusal: a corrected retry with the same key runs", async () => {
    const refused = await post("/api/patients", { ...patient("Korrigiert"), plz: "520" }, "key-fix-1");
    expect(refused.status).toBe(400);
    const fixed = await post("/api/patients", { ...patient("Korrigiert"), plz: "52062" }, "key-fix-1");
    expect(fixed.status).toBe(201);
    expect(await countNamed("Korrigiert")).toBe(1);
  });

  it("refuses a key that is not printable ASCII or too long with 400", async () => {
    const r = await post("/api/patients", patient("Schluesselkaputt"), "x".repeat(256));
    expect(r.status).toBe(400);
    expect(r.body.type).toBe("INVALID_IDEMPOTENCY_KEY");
    expect(await countNamed("Schluesselkaputt")).toBe(0);
  });

  it("stores the answer encrypted, forgets it after its lifetime and the purge job deletes it", async () => {
    const first = await post("/api/patients", patient("Verschluesselt"), "key-expire-1");
    expect(first.status).toBe(201);
    const rows = (await db.query(`SELECT key_hash, response FROM platform.idempotency_keys`)).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.response).toMatch(/^enc:v2:/);
      expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(rows)).not.toMatch(/Verschluesselt|key-expire-1/);

    await db.query(`UPDATE platform.idempotency_keys SET expires_at = now() - interval '1 second'`);
    const later = await post("/api/patients", patient("Verschluesselt"), "key-expire-1");
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await countNamed("Verschluesselt")).toBe(2);

    await db.query(`UPDATE platform.idempotency_keys SET expires_at = now() - interval '1 second'`);
    const run = await api.admin("POST", "/api/jobs/idempotency.purge/run");
    expect(run.status).toBe(200);
    expect((await db.query(`SELECT count(*)::int AS n FROM platform.idempotency_keys`)).rows[0].n).toBe(0);
  });

  it("leaves POSTs without the header as they were", async () => {
    expect((await post("/api/patients", patient("Ohneschluessel"), null)).status).toBe(201);
    expect((await post("/api/patients", patient("Ohneschluessel"), null)).status).toBe(201);
    expect(await countNamed("Ohneschluessel")).toBe(2);
  });
});

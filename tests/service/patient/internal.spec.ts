import { Client } from "pg";
import { encryptField } from "../../../mixins/crypto";
import { writeEvent } from "../../../mixins/outbox";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { eventually } from "../../helpers/eventually";

const base = { anrede: "Herr", geschlecht: "divers", vorname: "Ivo", nachname: "Intern" };

describe("patient service actions for other services (docs/development.md)", () => {
  let tb: TestBroker;
  let db: Client;
  const call = (action: string, params: Record<string, unknown> = {}): Promise<any> =>
    tb.broker.call(`patient.${action}`, params);
  const create = (over: Record<string, unknown> = {}) => call("create", { ...base, ...over }) as Promise<any>;
  const outbox = async (type: string) =>
    (
      await db.query("SELECT envelope FROM platform.outbox WHERE event_type = $1 ORDER BY id", [type])
    ).rows.map((r) => r.envelope.payload);

  beforeAll(async () => {
    tb = await startBroker({ groups: ["patient"], env: { OUTBOX_POLL_MS: "50" } });
    db = new Client({ connectionString: tb.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await tb.stop();
  });

  it("writes patient.created and patient.updated in the same transaction as the change", async () => {
    const p = await create();
    await call("update", { id: String(p.id), ort: "Bonn" });
    expect(await outbox("patient.created")).toContainEqual({ patient_id: p.id });
    expect(await outbox("patient.updated")).toContainEqual({ patient_id: p.id, fields: ["ort"] });
    // A refused update writes nothing.
    await expect(call("update", { id: String(p.id), anrede: "Dr" })).rejects.toMatchObject({ code: 400 });
    expect((await outbox("patient.updated")).filter((e) => e.patient_id === p.id)).toHaveLength(1);
  });

  it("returns many patients decrypted in id order, leaving out unknown ids", async () => {
    const a = await create({ telefon: "0228 1", symptome: ["Mobbing"], geburtsdatum: "1980-02-03" });
    const b = await create({ symptome: ["Zwänge"] });
    const rows: any[] = await call("getMany", { ids: [b.id, a.id, 999_999, a.id] });
    expect(rows.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(rows[0]).toMatchObject({ telefon: "0228 1", symptome: ["Mobbing"], geburtsdatum: "1980-02-03" });
    expect(rows[0].vorqualifikation).toMatchObject({ woechentliche_stunden: 0 });
    const lean: any[] = await call("getMany", { ids: [a.id], profile: "matching" });
    expect(lean[0]).toMatchObject({ symptome: ["Mobbing"], geburtsdatum: "1980-02-03", plz: null });
    expect(lean[0]).not.toHaveProperty("telefon");
    expect(await call("getMany", { ids: [] })).toEqual([]);
    // Ids that cannot exist are simply not found (never a failed cast).
    expect((await call("getMany", { ids: [String(a.id), 2 ** 40, -1] })).map((r: any) => r.id)).toEqual([
      a.id,
    ]);
    await expect(call("getMany", { ids: "1,2" })).rejects.toMatchObject({ code: 400 });
  });

  it("answers 20,000 ids in one call", async () => {
    const cfg = tb.config;
    const n = 20_000;
    const first = Number(
      (await db.query("SELECT coalesce(max(id), 0) + 1 AS id FROM patient_service.patienten")).rows[0].id,
    );
    const rows = Array.from({ length: n }, (_, i) => ({
      vorname: `Bulk${i}`,
      geburtsdatum: encryptField(cfg, `19${String(50 + (i % 50)).padStart(2, "0")}-01-15`),
      symptome: encryptField(cfg, JSON.stringify(["Schlafstörungen"])),
      telefon: encryptField(cfg, `0${i}`),
    }));
    await db.query(
      `INSERT INTO patient_service.patienten (anrede, geschlecht, vorname, nachname, zahlungsreferenz, geburtsdatum, symptome, telefon)
       SELECT 'Frau', 'weiblich', vorname, 'Masse', 'BULK0000', geburtsdatum, symptome, telefon
         FROM jsonb_to_recordset($1::jsonb) AS x(vorname text, geburtsdatum text, symptome text, telefon text)`,
      [JSON.stringify(rows)],
    );
    const ids = Array.from({ length: n }, (_, i) => first + i);
    for (let k = 0; k < 3; k++) {
      const t1 = Date.now();
      await call("getMany", { ids, profile: "matching" });
      process.stderr.write(`TIMING matching ${Date.now() - t1} ms\n`);
    }
    const full: any[] = await call("getMany", { ids });
    expect(full).toHaveLength(n);
    expect(full[n - 1]).toMatchObject({ id: first + n - 1, vorname: `Bulk${n - 1}`, telefon: `0${n - 1}` });
    const lean: any[] = await call("getMany", { ids, profile: "matching" });
    expect(lean[123]).toMatchObject({ symptome: ["Schlafstörungen"], geburtsdatum: "1973-01-15" });
    // One audit entry names the patients that were read.
    const { rows: audits } = await db.query(
      "SELECT details FROM platform.audit_log WHERE action = 'list' AND entity = 'patient' ORDER BY id DESC LIMIT 1",
    );
    expect(audits[0].details.ids).toHaveLength(n);
    await db.query("DELETE FROM patient_service.patienten WHERE nachname = 'Masse'");
  });

  it("sets a status decided elsewhere, validating it", async () => {
    const p = await create();
    expect(await call("setStatus", { id: p.id, status: "in_Therapie" })).toEqual({
      id: p.id,
      status: "in_Therapie",
    });
    expect(((await call("get", { id: String(p.id) })) as any).status).toBe("in_Therapie");
    await expect(call("setStatus", { id: p.id, status: "in Therapie" })).rejects.toMatchObject({ code: 400 });
    await expect(call("setStatus", { id: 999_999, status: "offen" })).rejects.toMatchObject({ code: 404 });
    expect(await outbox("patient.updated")).toContainEqual({ patient_id: p.id, fields: ["status"] });
  });

  it("moves letzter_kontakt forward only, and ignores patients that no longer exist", async () => {
    const p = await create();
    expect(await call("touchLastContact", { id: p.id, date: "2026-05-10" })).toEqual({
      ok: true,
      updated: true,
    });
    await call("touchLastContact", { id: p.id, date: "2026-04-01" });
    expect(((await call("get", { id: String(p.id) })) as any).letzter_kontakt).toBe("2026-05-10");
    expect(await call("touchLastContact", { id: 999_999, date: "2026-05-10" })).toEqual({
      ok: true,
      updated: false,
    });
    await expect(call("touchLastContact", { id: p.id, date: "10.05.2026" })).rejects.toMatchObject({
      code: 400,
    });
  });

  it("consumes email.sent once per event, dating the contact in the operator's time zone", async () => {
    const p = await create();
    const envelope = {
      eventId: "8c0f4d3e-1111-4a4a-9b9b-000000000001",
      eventType: "email.sent",
      version: "1.0",
      timestamp: "2026-03-01T23:30:00.000Z",
      producer: "communication",
      payload: { email_id: 1, patient_id: p.id, sent_at: "2026-03-01T23:30:00.000Z" },
    };
    expect(await call("onEmailSent", envelope)).toEqual({ ok: true, updated: true });
    expect(await call("onEmailSent", envelope)).toEqual({ ok: true, updated: false });
    expect(((await call("get", { id: String(p.id) })) as any).letzter_kontakt).toBe("2026-03-02");
    const forTherapist = {
      ...envelope,
      eventId: "8c0f4d3e-1111-4a4a-9b9b-000000000002",
      payload: { therapist_id: 3 },
    };
    expect(await call("onEmailSent", forTherapist)).toEqual({ ok: true });
  });

  it("receives email.sent through the outbox", async () => {
    const p = await create();
    const sequelize = (tb.broker.getLocalService("patient") as any).db;
    await sequelize.transaction((t: any) =>
      writeEvent(t, {
        eventType: "email.sent",
        producer: "communication",
        payload: { email_id: 2, patient_id: p.id, sent_at: "2026-06-15T08:00:00.000Z" },
      }),
    );
    const after = await eventually(
      () => call("get", { id: String(p.id) }) as Promise<any>,
      (x) => x.letzter_kontakt !== null,
    );
    expect(after.letzter_kontakt).toBe("2026-06-15");
  });
});

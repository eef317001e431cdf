import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as net from "node:net";
import { startApi, type TestApi } from "../../helpers/api";
import { createReadyPatient } from "../../helpers/factories";
import { waitFor } from "./harness";

const email = (patientId: number, to: string) => ({
  patient_id: patientId,
  betreff: "Grüße aus der Vermittlung",
  empfaenger_email: to,
  empfaenger_name: "Empfängerin",
  inhalt_markdown: "Hallo **Welt**",
  status: "In_Warteschlange",
});

/** Without SMTP_URL nothing leaves the machine: mails land in a local catch-all that admins can read. */
describe("embedded default: local mail catch-all", () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mail-sink-"));
    api = await startApi({
      groups: ["patient", "therapist", "communication"],
      env: { MAIL_SINK_DIR: dir, EMAIL_QUEUE_INTERVAL_MS: "100" },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes each e-mail as a .eml file and lists it for admins only", async () => {
    const patient = await createReadyPatient(api);
    const r = await api.staff("POST", "/api/emails", email(patient.id, "lokal@example.org"));
    await waitFor(
      async () => (await api.staff("GET", `/api/emails/${r.body.id}`)).body.status === "Gesendet",
    );
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(1);

    const list = await api.admin("GET", "/api/mail-sink");
    expect(list.body).toMatchObject({ smtp_configured: false, folder: dir, total: 1 });
    expect(list.body.data[0]).toMatchObject({
      file: files[0],
      to: "lokal@example.org",
      subject: "Grüße aus der Vermittlung",
      message_id: r.body.message_id,
    });
    expect((await api.staff("GET", "/api/mail-sink")).status).toBe(403);

    const raw = await fetch(`${api.url}/api/mail-sink/${files[0]}`, {
      headers: { authorization: `Bearer ${api.adminToken}` },
    });
    expect(raw.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await raw.text()).toContain(`Message-ID: ${r.body.message_id}`);
    for (const bad of ["..%2F..%2Fetc%2Fpasswd", "nicht-da.eml"])
      expect((await api.admin("GET", `/api/mail-sink/${bad}`)).status).toBe(404);
    // Reading the sink is reading patients' mail: both the list and the message are audited.
    const audited = await api.admin("GET", "/api/audit?entity=mail_sink");
    expect(audited.body.data.map((e: any) => [e.action, e.entity_id, e.user_email])).toEqual([
      ["read", files[0], "admin@test.local"],
      ["list", null, "admin@test.local"],
    ]);
  });

  it("takes system messages too", async () => {
    const r = await api.staff("POST", "/api/system-messages", { subject: "Testmeldung", message: "läuft" });
    expect(r.body.recipient).toBe("admin@localhost");
    const list = await api.admin("GET", "/api/mail-sink");
    expect(list.body.data.map((m: { subject: string }) => m.subject)).toContain("Testmeldung");
  });
});

/** An unreachable SMTP server: e-mails wait and are retried with the failure kept; system messages say 503. */
describe("SMTP server down", () => {
  let api: TestApi;
  beforeAll(async () => {
    // A port that was free a moment ago: connections are refused.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    api = await startApi({
      groups: ["patient", "therapist", "communication"],
      env: {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        EMAIL_QUEUE_INTERVAL_MS: "100",
        EMAIL_RETRY_BASE_SECONDS: "60",
      },
    });
  });
  afterAll(() => api.stop());

  it("keeps the e-mail queued with its retry count, failure text and next attempt", async () => {
    const patient = await createReadyPatient(api);
    const r = await api.staff("POST", "/api/emails", email(patient.id, "wartet@example.org"));
    await waitFor(
      async () => (await api.staff("GET", `/api/emails/${r.body.id}`)).body.wiederholungsanzahl === 1,
    );
    const e = (await api.staff("GET", `/api/emails/${r.body.id}`)).body;
    expect(e.status).toBe("In_Warteschlange");
    expect(e.fehlermeldung).toMatch(/ECONNREFUSED|connect/i);
    expect(e.gesendet_am).toBeNull();
  });

  it("answers a system message with 503 when it cannot be delivered", async () => {
    const r = await api.staff("POST", "/api/system-messages", { subject: "x", message: "y" });
    expect([r.status, r.body.type]).toEqual([503, "SMTP_UNAVAILABLE"]);
  });
});

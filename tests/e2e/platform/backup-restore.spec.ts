import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { processEnv } from "../../../config";
import { startApi, type TestApi } from "../../helpers/api";
import { eventually } from "../../helpers/eventually";
import { createReadyPatient, createSearch, createTherapist, ALL_GROUPS } from "../../helpers/factories";
import { minimalPdf } from "../../helpers/pdf";
import { TEST_KEYS } from "../../helpers/pg-admin";

const ROOT = path.resolve(__dirname, "../../..");
const base = (dataDir: string) => ({ PATH: processEnv().PATH, HOME: processEnv().HOME, DATA_DIR: dataDir });

/** Runs one of the scripts with only the given environment; resolves with its exit code and output. */
function run(script: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    let out = "";
    const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env,
    });
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) => resolve({ code, out }));
  });
}

/** `npm start` on a data folder; resolves when it prints its ready line. */
function startPlatform(dataDir: string, port: number) {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...base(dataDir),
      PORT: String(port),
      LOG_LEVEL: "warn",
      GEOCODING_ONLINE: "false",
      PLZ_CENTROIDS_BUILTIN: "false",
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes("Platform ready")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { ready, stop };
}

const backupFolder = (out: string) => {
  const dirs = fs
    .readdirSync(out)
    .filter((d) => d.startsWith("therapieplatz-backup-") && !d.endsWith(".partial"));
  expect(dirs).toHaveLength(1);
  return path.join(out, dirs[0]);
};

/** Issue 18: a platform with patients, inquiries, PDFs and e-mails is backed up, restored and read back. */
describe("backup and restore", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
  const src = path.join(tmp, "source");
  const backups = path.join(tmp, "backups");
  const keys = path.join(tmp, "keys");
  const target = path.join(tmp, "restored");
  const port = 30000 + ((process.pid + 7919) % 20000);
  let api: TestApi;
  const made: { patient: any; therapist: any; inquiry: number; emailId: number; pdf: string } = {} as any;

  beforeAll(async () => {
    fs.chmodSync(tmp, 0o755); // the embedded PostgreSQL runs as its own user when the tests run as root
    api = await startApi({ groups: ALL_GROUPS, env: { DATA_DIR: src, EMAIL_QUEUE_INTERVAL_MS: "100" } });
    const centroids = "plz,lat,lng\n52062,50.7766,6.0834\n52064,50.7693,6.0737\n";
    expect((await api.admin("POST", "/api/geocoding/plz-centroids", { csv: centroids })).status).toBe(200);
    const patients = [];
    for (let i = 0; i < 3; i++) {
      const p = await createReadyPatient(api, { telefon: `0241 555 ${i}`, strasse: "Pontstraße 1" });
      await createSearch(api, p.id);
      patients.push(p);
    }
    made.patient = patients[0];
    made.therapist = await createTherapist(api);
    const form = new FormData();
    form.append("file", new Blob([await minimalPdf()], { type: "application/pdf" }), "Anmeldebogen.pdf");
    const upload = await fetch(`${api.url}/api/therapists/${made.therapist.id}/pdfs`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.staffToken}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    made.pdf = ((await upload.json()) as { filename: string }).filename;
    const inquiry = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: made.therapist.id,
      plz_prefix: "52",
      sofort_senden: true,
    });
    expect(inquiry.status).toBe(201);
    made.inquiry = inquiry.body.anfrage_id;
    made.emailId = (await api.staff("GET", `/api/therapeutenanfragen/${made.inquiry}`)).body.email_id;
    const sent = await eventually(
      async () => (await api.staff("GET", `/api/emails/${made.emailId}`)).body.status,
      (s) => s === "Gesendet",
      300,
    );
    expect(sent).toBe("Gesendet");
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("backs up database and files with the keys apart, restores into a new DATA_DIR and serves everything", async () => {
    const env = { ...base(src), DATABASE_URL: api.databaseUrl, ...TEST_KEYS };
    const b = await run("backup", ["--out", backups, "--keys-out", keys], env);
    expect(b.out).toContain("Backup written");
    expect(b.code).toBe(0);
    const folder = backupFolder(backups);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8"));
    expect(manifest.tables.find((t: any) => t.table === "patienten").rows).toBeGreaterThanOrEqual(3);
    // the shared-folder marker (.therapieplatz-platform) travels with the folder it marks
    expect(manifest.file_sets.pdfs.filter((f: any) => f.path.endsWith(".pdf"))).toHaveLength(1);
    expect(manifest.file_sets.mail.length).toBeGreaterThanOrEqual(1);
    // No key material travels with the data: only ids and fingerprints.
    const keyExport = JSON.parse(fs.readFileSync(path.join(keys, fs.readdirSync(keys)[0]), "utf8"));
    const key = keyExport.keys[manifest.keys.current];
    expect(key).toEqual(expect.any(String));
    const everything = fs.readdirSync(folder, { recursive: true }) as string[];
    for (const f of everything) {
      const file = path.join(folder, f);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, "latin1")).not.toContain(key);
    }
    expect(fs.statSync(path.join(folder, "manifest.json")).mode & 0o077).toBe(0);

    // Without the keys the restore refuses before it writes anything.
    const noKeys = await run("restore", [folder], base(target));
    expect(noKeys.code).toBe(1);
    expect(noKeys.out).toContain(`encrypted with key '${manifest.keys.current}'`);
    expect(fs.existsSync(target)).toBe(false);

    const keyFile = path.join(keys, fs.readdirSync(keys)[0]);
    const r = await run("restore", [folder, "--keys", keyFile], base(target));
    expect(r.out).toContain("Restored");
    expect(r.code).toBe(0);
    // A second restore into the same DATA_DIR would mix two platforms: refused.
    const again = await run("restore", [folder, "--keys", keyFile], base(target));
    expect(again.code).toBe(1);
    expect(again.out).toContain("restore into a new DATA_DIR");

    const platform = startPlatform(target, port);
    try {
      await platform.ready;
      const url = `http://127.0.0.1:${port}`;
      const login = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "staff@test.local", password: "staff-password-123" }),
      });
      expect(login.status).toBe(200);
      const token = ((await login.json()) as { token: string }).token;
      const get = async (p: string) => {
        const res = await fetch(url + p, { headers: { authorization: `Bearer ${token}` } });
        return { status: res.status, body: (await res.json()) as any };
      };
      const patient = await get(`/api/patients/${made.patient.id}`);
      expect(patient.status).toBe(200);
      // Encrypted fields decrypt with the restored key.
      expect(patient.body).toMatchObject({
        nachname: made.patient.nachname,
        telefon: "0241 555 0",
        geburtsdatum: "1990-05-05",
        symptome: ["Schlafstörungen"],
      });
      const inquiry = await get(`/api/therapeutenanfragen/${made.inquiry}`);
      expect(inquiry.body.patients).toHaveLength(3);
      expect(inquiry.body.email_id).toBe(made.emailId);
      expect((await get(`/api/emails/${made.emailId}`)).body.status).toBe("Gesendet");
      const pdfs = await get(`/api/therapists/${made.therapist.id}/pdfs`);
      expect(pdfs.body.pdf_count).toBe(1);
      expect(JSON.stringify(pdfs.body)).toContain(made.pdf);

      // The mail sink came along: the admin reads the sent inquiry e-mail.
      const adminLogin = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@test.local", password: "admin-password-123" }),
      });
      const adminToken = ((await adminLogin.json()) as { token: string }).token;
      const sink = await fetch(`${url}/api/mail-sink`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const listed = (await sink.json()) as { data: { subject: string }[] };
      expect(listed.data.map((m) => m.subject)).toContain(
        `Suche Psychotherapieplätze - Ref: A${made.inquiry}`,
      );

      // A backup of the running embedded platform (beside `npm start`) holds the same rows.
      const second = path.join(tmp, "backups-2");
      const b2 = await run("backup", ["--out", second], base(target));
      expect(b2.out).toContain("keys are NOT in the backup");
      expect(b2.code).toBe(0);
      const m2 = JSON.parse(fs.readFileSync(path.join(backupFolder(second), "manifest.json"), "utf8"));
      expect(m2.source).toBe("embedded");
      const rows = (m: any, table: string) => m.tables.find((t: any) => t.table === table).rows;
      for (const table of ["patienten", "therapeutenanfrage", "emails", "therapeuten"])
        expect(rows(m2, table)).toBe(rows(manifest, table));
      expect(m2.keys.fingerprints).toEqual(manifest.keys.fingerprints);
    } finally {
      await platform.stop();
    }
  }, 240_000);
});

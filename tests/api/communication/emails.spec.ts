import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";
import { startSmtpSink } from "../../helpers/smtp-sink";

const waitFor = async (fn: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
};

describe("communication: e-mails over real SMTP, one-click answers, calls (domain.md 4.5, decisions.md 13-17)", () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink({ failFirst: 1 });
    api = await startApi({
      groups: ALL_GROUPS,
      env: {
        SMTP_URL: smtp.url,
        EMAIL_QUEUE_INTERVAL_MS: "100",
        EMAIL_RETRY_BASE_SECONDS: "0",
        COMPANY_NAME: "Testvermittlung GmbH",
        COMPANY_SENDER_NAME: "Testvermittlung",
      },
    });
    await loadCentroids(api, ["44135", "44137", "44139"]);
  });
  afterAll(async () => {
    await api.stop();
    await smtp.stop();
  });

  it("validates new e-mails with the contract's messages", async () => {
    const base = { betreff: "Hallo", empfaenger_email: "a@b.de", empfaenger_name: "A", inhalt_markdown: "x" };
    expect((await api.staff("POST", "/api/emails", base)).body.message).toBe(
      "Either therapist_id or patient_id is required",
    );
    expect(
      (await api.staff("POST", "/api/emails", { ...base, therapist_id: 1, patient_id: 2 })).body.message,
    ).toBe("Cannot specify both therapist_id and patient_id");
    expect(
      (await api.staff("POST", "/api/emails", { ...base, therapist_id: 1, betreff: "" })).body.message,
    ).toBe("Betreff is required");
    expect(
      (await api.staff("POST", "/api/emails", { ...base, therapist_id: 1, inhalt_markdown: undefined })).body
        .message,
    ).toBe("Either inhalt_html, inhalt_text, or inhalt_markdown is required");
  });

  it("renders markdown safely, adds the legal footer from config, queues and sends over SMTP with retries", async () => {
    const p = await createReadyPatient(api, { plz: "44135", ort: "Dortmund" });
    const r = await api.staff("POST", "/api/emails", {
      patient_id: p.id,
      betreff: "Ihre Unterlagen",
      empfaenger_email: "patient@example.org",
      empfaenger_name: "Erika Muster",
      inhalt_markdown:
        "# Hallo\n\n**Wichtig**: siehe https://example.org/info <script>alert(1)</script> {{ 7*7 }}",
      status: "In_Warteschlange",
    });
    expect(r.status).toBe(201);
    expect(r.body.inhalt_html).toContain("<h1>Hallo</h1>");
    expect(r.body.inhalt_html).toContain('<a href="https://example.org/info">');
    expect(r.body.inhalt_html).not.toContain("<script>");
    expect(r.body.inhalt_html).toContain("&lt;script&gt;");
    expect(r.body.inhalt_html).toContain("{{ 7*7 }}");
    expect(r.body.inhalt_text).toContain("Testvermittlung GmbH");
    await waitFor(
      async () => (await api.staff("GET", `/api/emails/${r.body.id}`)).body.status === "Gesendet",
    );
    const e = await api.staff("GET", `/api/emails/${r.body.id}`);
    expect(e.body.wiederholungsanzahl).toBe(1); // the sink refused the first attempt
    const mail = smtp.mails.find((m) => m.to.includes("patient@example.org"))!;
    expect(mail.subject).toBe("Ihre Unterlagen");
    expect(mail.messageId).toBe(e.body.message_id);
    await waitFor(
      async () => (await api.staff("GET", `/api/patients/${p.id}`)).body.letzter_kontakt !== null,
    );
  });

  it("sends an inquiry without names, with one-click links that record the answer once", async () => {
    const t = await createTherapist(api, {
      plz: "44137",
      ort: "Dortmund",
      anrede: "Frau",
      geschlecht: "weiblich",
      titel: "Dr.",
      nachname: "Schäfer",
    });
    const p = await createReadyPatient(api, {
      plz: "44139",
      ort: "Dortmund",
      vorname: "Geheim",
      nachname: "Person",
      geburtsdatum: "1980-01-15",
    });
    await createSearch(api, p.id);
    const created = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "44",
      sofort_senden: true,
    });
    expect(created.body.gesendet).toBe(true);
    const id = created.body.anfrage_id;
    const detail = await api.staff("GET", `/api/therapeutenanfragen/${id}`);
    const email = await api.staff("GET", `/api/emails/${detail.body.email_id}`);
    expect(email.body.betreff).toBe(`Suche Psychotherapieplätze - Ref: A${id}`);
    await waitFor(() => smtp.mails.some((m) => m.messageId === email.body.message_id));
    const mail = smtp.mails.find((m) => m.messageId === email.body.message_id)!;
    const body = Buffer.from(mail.raw).toString("utf8");
    expect(body).not.toContain("Geheim");
    expect(body).toContain(`Patienten-ID ${p.id}`);
    expect(email.body.inhalt_text).toContain("Sehr geehrte Frau Dr. Schäfer,");
    expect(email.body.inhalt_text).toContain("wir suchen für eine Patientin einen Psychotherapieplatz");
    expect(email.body.inhalt_text).toContain("Alter: 46 Jahre");
    const link = /(http:\/\/[^\s)]+\/api\/antwort\/[A-Za-z0-9_.-]+)/.exec(email.body.inhalt_text)![1];
    const token = link.split("/api/antwort/")[1];

    const pageRes = await fetch(`${api.url}/api/antwort/${token}`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.headers.get("content-type")).toMatch(/text\/html/);
    const html = await pageRes.text();
    expect(html).toContain(`Anfrage A${id}`);
    expect(html).not.toContain("Geheim");

    const forged = await fetch(`${api.url}/api/antwort/${token.slice(0, -3)}abc`);
    expect(forged.status).toBe(400);

    const submit = await fetch(`${api.url}/api/antwort/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `outcome_${p.id}=angenommen`,
    });
    expect(submit.status).toBe(200);
    const after = await api.staff("GET", `/api/therapeutenanfragen/${id}`);
    expect(after.body.antworttyp).toBe("vollstaendige_Annahme");
    expect(after.body.notizen).toMatch(/\(Antwortlink\)\] Antwort über Link/);
    const replay = await fetch(`${api.url}/api/antwort/${token}`);
    expect(replay.status).toBe(409);
  });

  it("plans a call for a therapist without e-mail in the phone hours and validates the calls API", async () => {
    const t = await createTherapist(api, {
      plz: "44137",
      ort: "Dortmund",
      email: null,
      telefonische_erreichbarkeit: { Di: ["8:00-9:00"] },
    });
    const p = await createReadyPatient(api, { plz: "44139", ort: "Dortmund" });
    await createSearch(api, p.id);
    const created = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
      therapist_id: t.id,
      plz_prefix: "44",
    });
    const sent = await api.staff("POST", `/api/therapeutenanfragen/${created.body.anfrage_id}/senden`);
    expect(sent.body).toMatchObject({
      communication_type: "phone_call",
      email_id: null,
      phone_call_id: expect.any(Number),
    });
    const call = await api.staff("GET", `/api/phone-calls/${sent.body.phone_call_id}`);
    expect(call.body).toMatchObject({
      geplante_zeit: "08:00",
      dauer_minuten: 5,
      status: "geplant",
      notizen: `Follow-up für Anfrage A${created.body.anfrage_id}`,
    });
    expect(new Date(`${call.body.geplantes_datum}T12:00:00Z`).getUTCDay()).toBe(2);
    expect(
      (await api.staff("PUT", `/api/phone-calls/${call.body.id}`, { status: "vielleicht" })).body.message,
    ).toBe("Invalid status 'vielleicht'. Valid values: geplant, abgeschlossen, fehlgeschlagen, abgebrochen");
    expect((await api.staff("GET", "/api/phone-calls/999999")).body.message).toBe("Phone call not found");
    const second = await api.staff("POST", "/api/phone-calls", { therapist_id: t.id });
    expect(second.body.geplante_zeit).toBe("08:05");
  });

  it("attaches the therapist's PDFs to the success e-mail", async () => {
    const t = await createTherapist(api, { plz: "44137", ort: "Dortmund" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-"));
    const file = path.join(dir, "Anamnesebogen.pdf");
    fs.writeFileSync(file, "%PDF-1.4 Anamnese");
    const form = new FormData();
    form.append("file", new Blob([fs.readFileSync(file)], { type: "application/pdf" }), "Anamnesebogen.pdf");
    await fetch(`${api.url}/api/therapists/${t.id}/pdfs`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.staffToken}` },
      body: form,
    });
    const p = await createReadyPatient(api, { plz: "44139", ort: "Dortmund", email: "erfolg@example.org" });
    const s = await createSearch(api, p.id);
    await api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      vermittelter_therapeut_id: t.id,
      status: "erfolgreich",
      email_template_type: "meeting_confirmation_email",
      meeting_details: { date: "2026-12-03", time: "14:00 Uhr" },
    });
    await waitFor(() => smtp.mails.some((m) => m.to.includes("erfolg@example.org")));
    const mail = smtp.mails.find((m) => m.to.includes("erfolg@example.org"))!;
    expect(mail.raw).toContain("Anamnesebogen.pdf");
    expect(mail.raw).toMatch(/Therapieplatz gefunden|=\?UTF-8/);
    const emails = await api.staff("GET", `/api/emails?patient_id=${p.id}`);
    const full = await api.staff("GET", `/api/emails/${emails.body.data[0].id}`);
    expect(full.body.inhalt_text).toContain("3. Dezember 2026 um 14:00 Uhr");
  });
});

import { minimalPdf } from "../../helpers/pdf";
import { createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";
import { inquiryFor, startPlatform, waitFor, type Platform } from "./harness";

/** Success e-mails with PDFs (domain.md 3.10), template e-mails, system messages, GDPR export and erasure. */
describe("success e-mails, template e-mails, system messages, GDPR", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p.stop());

  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await minimalPdf();
  });
  async function uploadPdf(therapistId: number, name: string) {
    const form = new FormData();
    form.append("file", new Blob([pdf], { type: "application/pdf" }), name);
    const r = await fetch(`${p.api.url}/api/therapists/${therapistId}/pdfs`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.api.staffToken}` },
      body: form,
    });
    expect(r.status).toBe(201);
  }

  it("e-mails the placed patient the practice's details with its PDFs attached, once", async () => {
    const t = await createTherapist(p.api, {
      titel: "Dr.",
      vorname: "Anna",
      nachname: "Schäfer",
      telefon: "0231 12345",
    });
    await uploadPdf(t.id, "Anamnesebogen.pdf");
    const patient = await createReadyPatient(p.api, {
      anrede: "Herr",
      geschlecht: "männlich",
      nachname: "Berg",
      email: "berg@example.org",
    });
    const s = await createSearch(p.api, patient.id);
    const put = await p.api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      vermittelter_therapeut_id: t.id,
      status: "erfolgreich",
      email_template_type: "meeting_confirmation_email",
      meeting_details: { date: "2026-12-03", time: "14:00" },
    });
    expect(put.status).toBe(200);
    const mail = await p.smtp.waitFor((m) => m.to.includes("berg@example.org"));
    expect(mail.subject).toBe("Therapieplatz gefunden - bitte zeitnah bearbeiten");
    expect(mail.text).toContain("Sehr geehrter Herr Berg,");
    expect(mail.text).toContain("Dr. Anna Schäfer");
    expect(mail.text).toContain("Ihr Erstgespräch ist am 3. Dezember 2026 um 14:00 Uhr.");
    expect(mail.text).toContain("Testvermittlung GmbH"); // legal footer
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: "Anamnesebogen.pdf",
      contentType: "application/pdf",
    });
    expect(mail.attachments[0].content.equals(pdf)).toBe(true);

    const list = await p.api.staff("GET", `/api/emails?patient_id=${patient.id}`);
    expect(list.body.total).toBe(1);

    // An unknown template type falls back to email_contact (issue 12.6): 200, search completed, e-mail queued.
    const other = await createReadyPatient(p.api, { email: "tippfehler@example.org" });
    const s2 = await createSearch(p.api, other.id);
    const typo = await p.api.staff("PUT", `/api/platzsuchen/${s2.id}`, {
      vermittelter_therapeut_id: t.id,
      status: "erfolgreich",
      email_template_type: "emailcontact",
    });
    expect(typo.status).toBe(200);
    expect((await p.api.staff("GET", `/api/platzsuchen/${s2.id}`)).body.status).toBe("erfolgreich");
    const fallback = await p.smtp.waitFor((m) => m.to.includes("tippfehler@example.org"));
    expect(fallback.subject).toBe("Therapieplatz gefunden - bitte zeitnah bearbeiten");
    expect(fallback.text).toContain("schreiben Sie der Praxis");
    const again = await p.api.broker.call("communication.sendSuccessEmail", {
      platzsuche_id: s.id,
      patient_id: patient.id,
      therapist_id: t.id,
      email_template_type: "meeting_confirmation_email",
      meeting_details: { date: "2026-12-03", time: "14:00" },
    });
    expect(again).toEqual({ email_id: list.body.data[0].id });
    // Attachments are named inside the PDF store, never by server path (issue 11); the listed name attaches.
    expect(list.body.data[0].attachments).toEqual([`${t.id}/Anamnesebogen.pdf`]);
    const listed = (await p.api.staff("GET", `/api/therapists/${t.id}/pdfs`)).body.pdfs[0].path;
    expect(listed).toBe(`${t.id}/Anamnesebogen.pdf`);
    const manual = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "Ihre Unterlagen",
      empfaenger_email: "berg@example.org",
      empfaenger_name: "Herr Berg",
      inhalt_markdown: "Anbei die Unterlagen der Praxis.",
      attachments: [listed],
    });
    expect([manual.status, manual.body.attachments]).toEqual([201, [listed]]);
    const escape = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "x",
      empfaenger_email: "berg@example.org",
      empfaenger_name: "Herr Berg",
      inhalt_markdown: "x",
      attachments: [`${t.id}/../../../../etc/passwd.pdf`],
    });
    expect([escape.status, escape.body.type]).toEqual([400, "INVALID_ATTACHMENT"]);
    const search = (await p.api.staff("GET", `/api/platzsuchen/${s.id}`)).body;
    expect(search.notizen).toContain(`Erfolgs-E-Mail erstellt (E-Mail ${list.body.data[0].id})`);
  });

  it("never blocks a placement when the patient has no e-mail address", async () => {
    const t = await createTherapist(p.api);
    const patient = await createReadyPatient(p.api, { email: null });
    const s = await createSearch(p.api, patient.id);
    const put = await p.api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      vermittelter_therapeut_id: t.id,
      status: "erfolgreich",
    });
    expect(put.status).toBe(200);
    const search = (await p.api.staff("GET", `/api/platzsuchen/${s.id}`)).body;
    expect(search.status).toBe("erfolgreich");
    expect(search.notizen).toContain("Erfolgs-E-Mail nicht möglich: Patient has no email address");
  });

  it("queues the registration confirmation with the payment reference for the patient import", async () => {
    const patient = await createReadyPatient(p.api, { email: "neu@example.org" });
    const r: any = await p.api.broker.call("communication.queueTemplateEmail", {
      template: "registration_confirmation",
      patient_id: patient.id,
      to_email: "neu@example.org",
      to_name: "Nina Neu",
      variables: { anrede: "Frau", nachname: "Neu", zahlungsreferenz: "a1b2c3d4" },
    });
    const mail = await p.smtp.waitFor((m) => m.to.includes("neu@example.org"));
    expect(mail.subject).toBe("Registrierung Suche Psychotherapieplatz erfolgreich");
    expect(mail.text).toContain("Sehr geehrte Frau Neu,");
    expect(mail.text).toContain("Verwendungszweck: a1b2c3d4");
    expect(mail.text).toContain("IBAN:");
    expect((await p.api.staff("GET", `/api/emails/${r.email_id}`)).body.typ).toBe("registrierung");
    await expect(
      p.api.broker.call("communication.queueTemplateEmail", {
        template: "payment_confirmation",
        patient_id: patient.id,
        to_email: "neu@example.org",
        to_name: "Nina Neu",
      }),
    ).rejects.toMatchObject({ type: "TEMPLATE_VARIABLES_MISSING" });
    await expect(
      p.api.broker.call("communication.queueTemplateEmail", {
        template: "werbung",
        patient_id: 1,
        to_email: "a@b.de",
        to_name: "A",
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it("sends system messages to the configured address", async () => {
    const r = await p.api.staff("POST", "/api/system-messages", {
      subject: "Import fehlgeschlagen",
      message: "3 Dateien ungültig",
    });
    expect(r.body).toEqual({
      message: "System message sent successfully",
      recipient: "ops@testvermittlung.example",
    });
    const mail = await p.smtp.waitFor((m) => m.to.includes("ops@testvermittlung.example"));
    expect(mail.subject).toBe("Import fehlgeschlagen");
    expect(mail.header("from")).toContain("Testvermittlung System");
    expect(mail.text).toContain("3 Dateien ungültig");
    const bad = await p.api.staff("POST", "/api/system-messages", { message: "ohne Betreff" });
    expect([bad.status, bad.body.message]).toEqual([400, "subject is required"]);
    expect(
      (await p.api.request("POST", "/api/system-messages", { subject: "x", message: "y" }, null)).status,
    ).toBe(401);
  });

  it("exports what was sent about a patient and erases it, keeping the other patients' part", async () => {
    const inq = await inquiryFor(p.api, {
      patients: [{ symptome: ["Zwänge"] }, { symptome: ["Trauer / Verlust"] }],
    });
    const [gone, stays] = inq.patients;
    const emailId = (await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body.email_id;
    await waitFor(
      async () => (await p.api.staff("GET", `/api/emails/${emailId}`)).body.status === "Gesendet",
    );

    const exported = await p.api.admin("GET", `/api/patients/${gone.id}/export`);
    expect(exported.status).toBe(200);
    const shared = exported.body.communication.an_therapeuten_weitergegeben;
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ id: emailId, therapist_id: inq.therapist.id });
    expect(shared[0].angaben).toEqual(expect.arrayContaining(["Symptome: Zwänge"]));
    expect(JSON.stringify(shared)).not.toContain("Trauer");

    const erased = await p.api.admin("POST", `/api/patients/${gone.id}/erasure`);
    expect(erased.status).toBe(200);
    const text = (await p.api.staff("GET", `/api/emails/${emailId}`)).body.inhalt_text;
    expect(text).not.toContain("Zwänge");
    expect(text).toContain("Trauer / Verlust");
    expect(text).toContain(`Patienten-ID ${stays.id}`);
    const [stats] = await p.sql(
      "SELECT redacted_emails FROM communication_service.erasure_stats ORDER BY id DESC LIMIT 1",
    );
    expect(stats.redacted_emails).toBe(1);
  });
});

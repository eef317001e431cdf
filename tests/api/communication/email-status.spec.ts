import { createReadyPatient } from "../../helpers/factories";
import { startPlatform, waitFor, type Platform } from "./harness";

/**
 * Issue 12 point 5: the list's status filter finds an e-mail staff re-queued with PUT even while a sender
 * already has it, and an e-mail to a patient that becomes `Gesendet` (queue or PUT) sets `letzter_kontakt`.
 */
describe("e-mail status filter and last contact (issue 12.5)", () => {
  let p: Platform;
  // The sink holds mails to this address (received, not yet answered 250): the e-mail stays `Wird_gesendet`.
  const HELD = "gehalten@example.org";
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  beforeAll(async () => {
    p = await startPlatform({}, { beforeAccept: (m) => (m.to.includes(HELD) ? held : Promise.resolve()) });
  });
  afterAll(async () => {
    release();
    await p.stop();
  });

  const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const ids = async (query: string) =>
    ((await p.api.staff("GET", `/api/emails?${query}`)).body.data as { id: number }[]).map((e) => e.id);
  const email = async (id: number) => (await p.api.staff("GET", `/api/emails/${id}`)).body;
  const lastContact = async (id: number) =>
    (await p.api.staff("GET", `/api/patients/${id}`)).body.letzter_kontakt as string | null;

  it("?status=In_Warteschlange finds an e-mail re-queued by PUT while it is being sent; the queue then sets letzter_kontakt", async () => {
    const patient = await createReadyPatient(p.api, { email: HELD });
    expect(await lastContact(patient.id)).toBeNull();
    const e = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "Ihre Suche",
      empfaenger_email: HELD,
      empfaenger_name: "Gehalten",
      inhalt_text: "Hallo",
    });
    expect([e.status, e.body.status]).toEqual([201, "Entwurf"]);
    const put = await p.api.staff("PUT", `/api/emails/${e.body.id}`, { status: "In_Warteschlange" });
    expect(put.status).toBe(200);
    // The sink has the mail and holds its answer: a sender has the e-mail now.
    await p.smtp.waitFor((m) => m.to.includes(HELD));
    await waitFor(async () => (await email(e.body.id)).status === "Wird_gesendet");

    const q = `patient_id=${patient.id}`;
    expect(await ids(`${q}&status=In_Warteschlange`)).toEqual([e.body.id]);
    expect(await ids(`${q}&status=Wird_gesendet`)).toEqual([e.body.id]);
    expect(await ids(`${q}&status=Gesendet`)).toEqual([]);
    expect(await ids(`${q}&status=Entwurf`)).toEqual([]);
    expect(await lastContact(patient.id)).toBeNull();

    release();
    await waitFor(async () => (await email(e.body.id)).status === "Gesendet");
    expect(await ids(`${q}&status=In_Warteschlange`)).toEqual([]);
    expect(await ids(`${q}&status=Gesendet`)).toEqual([e.body.id]);
    await waitFor(async () => (await lastContact(patient.id)) === today());
  });

  it("an e-mail to a patient set to Gesendet by PUT sets the patient's letzter_kontakt to today", async () => {
    const patient = await createReadyPatient(p.api, { email: "per-put@example.org" });
    expect(await lastContact(patient.id)).toBeNull();
    const e = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "Telefonisch besprochen",
      empfaenger_email: "per-put@example.org",
      empfaenger_name: "Per Put",
      inhalt_text: "Notiz",
    });
    expect(e.body.status).toBe("Entwurf");
    const sent = await p.api.staff("PUT", `/api/emails/${e.body.id}`, { status: "Gesendet" });
    expect([sent.status, sent.body.status]).toEqual([200, "Gesendet"]);
    await waitFor(async () => (await lastContact(patient.id)) === today());
    // Nothing went out by SMTP: marking it sent is a record, not a send.
    expect(p.smtp.mails.filter((m) => m.to.includes("per-put@example.org"))).toEqual([]);
  });
});

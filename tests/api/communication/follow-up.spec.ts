import { inquiryFor, startPlatform, type Platform } from "./harness";

/** The daily follow-up job (domain.md 3.13, decisions.md 13) run through the scheduler's jobs API. */
describe("follow-up of unanswered inquiries", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p.stop());

  /** Eight days pass for one inquiry: it was sent, and its e-mail queued, eight days ago. */
  const age = async (anfrageId: number) => {
    await p.sql(
      "UPDATE matching_service.therapeutenanfrage SET gesendet_datum = gesendet_datum - interval '8 days' WHERE id = $1",
      [anfrageId],
    );
    await p.sql(
      "UPDATE communication_service.emails SET created_at = created_at - interval '8 days' WHERE therapeutenanfrage_id = $1",
      [anfrageId],
    );
  };
  const runJob = async () => {
    const r = await p.api.admin("POST", "/api/jobs/communication.follow-up/run");
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("ok");
    return r.body.result;
  };
  const inquiry = async (id: number) => (await p.api.staff("GET", `/api/therapeutenanfragen/${id}`)).body;

  it("e-mails one reminder per inquiry answered by nobody for 7 days", async () => {
    const inq = await inquiryFor(p.api, { patients: [{ geschlecht: "männlich", anrede: "Herr" }] });
    await age(inq.id);
    const result = await runJob();
    expect(result).toMatchObject({ reminders: 1, calls: 0 });
    const a = await inquiry(inq.id);
    expect(a.reminder_email_id).toEqual(expect.any(Number));
    const reminder = (await p.api.staff("GET", `/api/emails/${a.reminder_email_id}`)).body;
    expect(reminder).toMatchObject({ typ: "erinnerung", therapeutenanfrage_id: inq.id });
    const mail = await p.smtp.waitFor((m) => m.messageId === reminder.message_id);
    expect(mail.subject).toBe(`Erinnerung: Suche Psychotherapieplätze - Ref: A${inq.id}`);
    expect(mail.text).toContain("wir hatten Ihnen vor 8 Tagen wegen eines Patienten geschrieben");
    expect(mail.text).toContain(`Patienten-ID ${inq.patients[0].id}`);
    expect(mail.text).toContain("/api/antwort/");

    await runJob();
    const rows = await p.sql(
      "SELECT count(*)::int AS n FROM communication_service.emails WHERE therapeutenanfrage_id = $1 AND typ = 'erinnerung'",
      [inq.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it("plans a call when the therapist has no e-mail any more, and cancels it once the inquiry is answered", async () => {
    const inq = await inquiryFor(p.api);
    await age(inq.id);
    await p.api.staff("PUT", `/api/therapists/${inq.therapist.id}`, { email: null });
    expect(await runJob()).toMatchObject({ reminders: 0, calls: 1 });
    const a = await inquiry(inq.id);
    const call = (await p.api.staff("GET", `/api/phone-calls/${a.phone_call_id}`)).body;
    expect(call).toMatchObject({
      therapist_id: inq.therapist.id,
      therapeutenanfrage_id: inq.id,
      status: "geplant",
      dauer_minuten: 5,
      notizen: `Erinnerung: Follow-up für Anfrage A${inq.id}`,
    });

    const answer = await p.api.staff("PUT", `/api/therapeutenanfragen/${inq.id}/antwort`, {
      patient_responses: { [inq.patients[0].id]: "abgelehnt_Kapazitaet" },
    });
    expect(answer.status).toBe(200);
    expect(await runJob()).toMatchObject({ cancelled_calls: 1 });
    const cancelled = (await p.api.staff("GET", `/api/phone-calls/${call.id}`)).body;
    expect(cancelled.status).toBe("abgebrochen");
    expect(cancelled.notizen).toContain(`Abgebrochen: Anfrage beantwortet (A${inq.id})`);
  });

  it("cancels the planned call of an inquiry that was deleted", async () => {
    const inq = await inquiryFor(p.api, { therapist: { email: null } });
    const call = (await inquiry(inq.id)).phone_call_id;
    await p.api.staff("DELETE", `/api/therapeutenanfragen/${inq.id}`);
    expect((await runJob()).cancelled_calls).toBeGreaterThanOrEqual(1);
    expect((await p.api.staff("GET", `/api/phone-calls/${call}`)).body.status).toBe("abgebrochen");
  });

  it("postpones a reminder while another inquiry e-mail reached the same mailbox this week", async () => {
    const shared = "praxisteam@example.org";
    const old = await inquiryFor(p.api, { therapist: { email: shared } });
    await age(old.id);
    await inquiryFor(p.api, { therapist: { email: shared } });
    const result = await runJob();
    expect(result.postponed).toBe(1);
    expect((await inquiry(old.id)).reminder_email_id).toBeNull();
  });
});

import { holidayCheckerForPlz } from "../../../services/communication/domain/holidays";
import { addDays } from "../../../services/shared/dates";
import { weekdayOfDate } from "../../../services/shared/schedule";
import { createTherapist } from "../../helpers/factories";
import { inquiryFor, startPlatform, type Platform } from "./harness";

const todayBerlin = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/** Sending an inquiry (domain.md 3.7, decisions.md 16): e-mail or planned call, once, at most weekly per therapist. */
describe("sending inquiries", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p.stop());

  it("e-mails the therapist the patients' pre-qualified data in German, never names", async () => {
    const { id, patients } = await inquiryFor(p.api, {
      therapist: {
        anrede: "Frau",
        geschlecht: "weiblich",
        titel: "Dr.",
        vorname: "Anna",
        nachname: "Schäfer",
      },
      patients: [
        {
          vorname: "Geheim",
          nachname: "Person",
          email: "geheim@example.org",
          krankenversicherungsnummer: "X987654321",
          geburtsdatum: "1980-01-15",
          symptome: ["Schlafstörungen", "Einsamkeit"],
          krankenkasse: "Techniker Krankenkasse",
          erfahrung_mit_psychotherapie: true,
          letzte_sitzung_vorherige_psychotherapie: "2022-03-05",
          zeitliche_verfuegbarkeit: { Mo: ["8:00-18:00"], mittwoch: ["08:00-12:00"] },
        },
      ],
    });
    const detail = (await p.api.staff("GET", `/api/therapeutenanfragen/${id}`)).body;
    expect(detail.gesendet_datum).toEqual(expect.any(String));
    const email = (await p.api.staff("GET", `/api/emails/${detail.email_id}`)).body;
    expect(email).toMatchObject({
      typ: "anfrage",
      therapeutenanfrage_id: id,
      empfaenger_name: "Dr. Anna Schäfer",
    });
    const mail = await p.smtp.waitFor((m) => m.messageId === email.message_id);
    expect(mail.subject).toBe(`Suche Psychotherapieplätze - Ref: A${id}`);
    const age = new Date().getFullYear() - 1980 - (todayBerlin().slice(5) < "01-15" ? 1 : 0);
    for (const line of [
      "Sehr geehrte Frau Dr. Schäfer,",
      "wir suchen für eine Patientin einen Psychotherapieplatz",
      "innerhalb von 3 Wochen",
      "innerhalb weiterer 6 Wochen",
      "Aus Datenschutzgründen nennen wir keine Namen.",
      `Patienten-ID ${patients[0].id}`,
      `- Alter: ${age} Jahre`,
      "- Geschlecht: weiblich",
      "- Symptome: Schlafstörungen, Einsamkeit",
      "- Krankenversicherung: Techniker Krankenkasse",
      "- Erfahrung mit Psychotherapie: Ja (letzte Sitzung: 05.03.2022)",
      "- Offen für Gruppentherapie: Ja",
      "- Zeitliche Verfügbarkeit: Montag: 08:00 bis 18:00 Uhr, Mittwoch: 08:00 bis 12:00 Uhr",
      "PS: Testvermittlung GmbH ist eine Vermittlungsplattform",
      "https://vermittlung.example/api/antwort/",
    ])
      expect(mail.text).toContain(line);
    for (const secret of ["Geheim", "Person", "geheim@example.org", "X987654321"]) {
      expect(mail.raw).not.toContain(secret);
      expect(mail.text).not.toContain(secret);
    }
    expect(mail.html).toContain(`<h3>Patienten-ID ${patients[0].id}</h3>`);
  });

  it("speaks of several patients in the plural", async () => {
    const { id } = await inquiryFor(p.api, { patients: [{}, {}, {}] });
    const detail = (await p.api.staff("GET", `/api/therapeutenanfragen/${id}`)).body;
    const email = (await p.api.staff("GET", `/api/emails/${detail.email_id}`)).body;
    expect(email.inhalt_text).toContain(
      "wir suchen für 3 Patientinnen und Patienten einen Psychotherapieplatz",
    );
    expect(email.inhalt_text).toContain("Könnten Sie einer oder mehreren dieser Personen");
    expect(email.inhalt_text.match(/Patienten-ID \d+/g)).toHaveLength(3);
  });

  it("answers a retried send with the same e-mail, also when retried concurrently", async () => {
    const { id } = await inquiryFor(p.api);
    const detail = (await p.api.staff("GET", `/api/therapeutenanfragen/${id}`)).body;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => p.api.broker.call("communication.sendInquiry", { anfrage_id: id })),
    );
    expect(new Set(results.map((r: any) => r.email_id))).toEqual(new Set([detail.email_id]));
    const rows = await p.sql(
      "SELECT count(*)::int AS n FROM communication_service.emails WHERE therapeutenanfrage_id = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
    const again = await p.api.staff("POST", `/api/therapeutenanfragen/${id}/senden`);
    expect([again.status, again.body.message]).toEqual([400, "Anfrage already sent"]);
  });

  it("refuses a second inquiry e-mail within 7 days to the same mailbox, and the inquiry stays unsent", async () => {
    const shared = "gemeinschaftspraxis@example.org";
    await inquiryFor(p.api, { therapist: { email: shared } });
    const second = await inquiryFor(p.api, { therapist: { email: shared }, send: false });
    const r = await p.api.staff("POST", `/api/therapeutenanfragen/${second.id}/senden`);
    expect(r.status).toBe(409);
    expect(r.body.type).toBe("INQUIRY_EMAIL_TOO_SOON");
    expect(r.body.allowed_from).toBe(addDays(todayBerlin(), 7));
    expect(
      (await p.api.staff("GET", `/api/therapeutenanfragen/${second.id}`)).body.gesendet_datum,
    ).toBeNull();
  });

  it("plans a call in the phone hours when the therapist has no e-mail, once", async () => {
    const { id, therapist, created } = await inquiryFor(p.api, {
      therapist: { email: null, telefonische_erreichbarkeit: { Di: ["8:00-9:00"] } },
      send: false,
    });
    expect(created.gesendet).toBe(false);
    const sent = await p.api.staff("POST", `/api/therapeutenanfragen/${id}/senden`);
    expect(sent.body).toMatchObject({
      message: "Anfrage sent successfully",
      communication_type: "phone_call",
      email_id: null,
      phone_call_id: expect.any(Number),
    });
    const call = (await p.api.staff("GET", `/api/phone-calls/${sent.body.phone_call_id}`)).body;
    let tuesday = addDays(todayBerlin(), 1);
    while (weekdayOfDate(tuesday) !== "dienstag" || holidayCheckerForPlz(therapist.plz)(tuesday))
      tuesday = addDays(tuesday, 1);
    expect(call).toMatchObject({
      therapist_id: therapist.id,
      therapeutenanfrage_id: id,
      geplantes_datum: tuesday,
      geplante_zeit: "08:00",
      dauer_minuten: 5,
      status: "geplant",
      notizen: `Follow-up für Anfrage A${id}`,
    });
    const retry = await p.api.broker.call("communication.sendInquiry", { anfrage_id: id });
    expect(retry).toEqual({ communication_type: "phone_call", email_id: null, phone_call_id: call.id });
    const next = await p.api.staff("POST", "/api/phone-calls", { therapist_id: therapist.id });
    expect([next.status, next.body.geplantes_datum, next.body.geplante_zeit]).toEqual([
      201,
      tuesday,
      "08:05",
    ]);
  });

  it("calls at the default time on the next working day when no phone hours are known", async () => {
    const t = await createTherapist(p.api, { email: null, plz: "52062", ort: "Aachen" });
    const r = await p.api.staff("POST", "/api/phone-calls", { therapist_id: t.id });
    let day = addDays(todayBerlin(), 1);
    while (["samstag", "sonntag"].includes(weekdayOfDate(day)) || holidayCheckerForPlz("52062")(day))
      day = addDays(day, 1);
    expect(r.body).toMatchObject({ geplantes_datum: day, geplante_zeit: "12:00", dauer_minuten: 5 });
  });
});

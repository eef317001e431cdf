import { createReadyPatient, createTherapist } from "../../helpers/factories";
import { startPlatform, waitFor, type Platform } from "./harness";

/** The e-mails API of domain.md 4.5 over the gateway, delivered to a real SMTP server on loopback. */
describe("e-mails API (domain.md 4.5)", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform(
      { EMAIL_ALLOWED_SENDERS: "team@testvermittlung.example, vermittlung@testvermittlung.example" },
      { failFirst: 1, rejectTo: ["unbekannt@example.org"] },
    );
  });
  afterAll(() => p.stop());

  const base = {
    betreff: "Hallo",
    empfaenger_email: "a@example.org",
    empfaenger_name: "A",
    inhalt_markdown: "x",
  };
  const total = async () => (await p.api.staff("GET", "/api/emails")).body.total;

  it("refuses bad input with the contract's messages and writes nothing", async () => {
    const before = await total();
    const cases: [Record<string, unknown>, string][] = [
      [base, "Either therapist_id or patient_id is required"],
      [{ ...base, therapist_id: 1, patient_id: 2 }, "Cannot specify both therapist_id and patient_id"],
      [{ ...base, therapist_id: 1, betreff: "" }, "Betreff is required"],
      [
        { ...base, therapist_id: 1, inhalt_markdown: undefined },
        "Either inhalt_html, inhalt_text, or inhalt_markdown is required",
      ],
      [{ ...base, therapist_id: 1, empfaenger_email: undefined }, "empfaenger_email is required"],
      [
        { ...base, therapist_id: 1, status: "Versendet" },
        "Invalid status 'Versendet'. Valid values: Entwurf, In_Warteschlange, Wird_gesendet, Gesendet, Fehlgeschlagen",
      ],
    ];
    for (const [body, message] of cases) {
      const r = await p.api.staff("POST", "/api/emails", body);
      expect([r.status, r.body.message, r.body.type]).toEqual([400, message, "VALIDATION_ERROR"]);
    }
    const unknown = await p.api.staff("POST", "/api/emails", { ...base, patient_id: 999999 });
    expect([unknown.status, unknown.body.message]).toEqual([404, "Patient not found"]);
    const outside = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: 1,
      attachments: ["/etc/passwd.pdf"],
    });
    expect([outside.status, outside.body.type]).toEqual([400, "INVALID_ATTACHMENT"]);
    expect(await total()).toBe(before);
    expect((await p.api.request("POST", "/api/emails", base, null)).status).toBe(401);
  });

  it("renders markdown safely with the legal footer, keeps the body encrypted at rest and delivers it with retries", async () => {
    const patient = await createReadyPatient(p.api, { email: "erika@example.org" });
    const r = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "Ihre Unterlagen für die Suche",
      empfaenger_email: "erika@example.org",
      empfaenger_name: "Erika Muster",
      inhalt_markdown:
        "# Hallo\n\n**Wichtig**: siehe https://example.org/info <script>alert(1)</script> {{ 7*7 }}\n\nSchöne Grüße",
      status: "In_Warteschlange",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: "In_Warteschlange",
      recipient_type: "patient",
      wiederholungsanzahl: 0,
    });
    expect(r.body.in_warteschlange_am).toEqual(expect.any(String));
    expect(r.body.inhalt_html).toContain("<h1>Hallo</h1>");
    expect(r.body.inhalt_html).toContain('<a href="https://example.org/info">');
    expect(r.body.inhalt_html).not.toContain("<script>");
    expect(r.body.inhalt_html).toContain("&lt;script&gt;");
    expect(r.body.inhalt_text).toContain("Testvermittlung GmbH");
    expect(r.body.inhalt_text).toContain("Wichtig: siehe https://example.org/info");

    const [row] = await p.sql(
      "SELECT inhalt_text, inhalt_html FROM communication_service.emails WHERE id = $1",
      [r.body.id],
    );
    expect(row.inhalt_text).toMatch(/^enc:v2:/);
    expect(row.inhalt_html).not.toContain("Wichtig");

    const mail = await p.smtp.waitFor((m) => m.to.includes("erika@example.org"));
    await waitFor(
      async () => (await p.api.staff("GET", `/api/emails/${r.body.id}`)).body.status === "Gesendet",
    );
    const sent = (await p.api.staff("GET", `/api/emails/${r.body.id}`)).body;
    // The sink refused the first attempt with 451: one retry, the failure text kept.
    expect(sent.wiederholungsanzahl).toBe(1);
    expect(sent.fehlermeldung).toMatch(/try again later/);
    expect(sent.gesendet_am).toEqual(expect.any(String));
    expect(mail.messageId).toBe(sent.message_id);
    expect(mail.subject).toBe("Ihre Unterlagen für die Suche");
    expect(mail.header("from")).toContain("team@testvermittlung.example");
    expect(mail.text).toContain("Schöne Grüße");
    expect(mail.html).toContain("<strong>Wichtig</strong>");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    await waitFor(
      async () => (await p.api.staff("GET", `/api/patients/${patient.id}`)).body.letzter_kontakt === today,
    );
  });

  it("takes only configured senders and never passes script, handlers or javascript:/data: URLs (issue 11)", async () => {
    const t = await createTherapist(p.api);
    const before = await total();
    const bank = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      absender_email: "service@bank.example",
    });
    expect([bank.status, bank.body.type, bank.body.message]).toEqual([
      400,
      "SENDER_NOT_ALLOWED",
      "absender_email 'service@bank.example' is not an allowed sender. Allowed: team@testvermittlung.example, vermittlung@testvermittlung.example",
    ]);
    expect(await total()).toBe(before);
    const other = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      absender_email: "Vermittlung@testvermittlung.example",
    });
    expect([other.status, other.body.absender_email]).toEqual([201, "Vermittlung@testvermittlung.example"]);

    const html = await p.api.staff("POST", "/api/emails", {
      ...base,
      inhalt_markdown: undefined,
      therapist_id: t.id,
      inhalt_html:
        '<p onclick="steal()">Guten Tag <b>Frau Dr. Weiß</b>,<script>alert(1)</script></p>' +
        '<a href="javascript:alert(2)">Termin</a> <a href="data:text/html;base64,PHNjcmlwdD4=">Daten</a> ' +
        '<img src=x onerror="alert(3)"><iframe src="https://evil.example"></iframe>' +
        '<a href="https://praxis.example/termin" onmouseover="alert(4)">Link</a><style>body{display:none}</style>',
    });
    expect(html.status).toBe(201);
    for (const bad of [
      "<script",
      "alert",
      "onclick",
      "onerror",
      "onmouseover",
      "javascript:",
      "data:",
      "<img",
      "<iframe",
      "<style",
    ])
      expect([bad, html.body.inhalt_html.includes(bad), html.body.inhalt_text.includes(bad)]).toEqual([
        bad,
        false,
        false,
      ]);
    expect(html.body.inhalt_html).toContain("<b>Frau Dr. Weiß</b>");
    expect(html.body.inhalt_html).toContain('<a href="https://praxis.example/termin">Link</a>');
    expect(html.body.inhalt_text).toContain("Guten Tag Frau Dr. Weiß,");

    const md = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      inhalt_markdown:
        '[Termin](javascript:alert(1)) [Bild](data:text/html,x) <a href="javascript:alert(2)">roh</a>',
    });
    // No link to javascript:/data: (markdown-it refuses them; typed HTML is shown as text).
    expect(md.body.inhalt_html).not.toMatch(/<a [^>]*href="(javascript|data):/);
    expect(md.body.inhalt_html).toContain("&lt;a href=");

    // PUT changes neither body nor sender: only the contract's fields are taken.
    const put = await p.api.staff("PUT", `/api/emails/${html.body.id}`, {
      inhalt_html: "<script>alert(5)</script>",
      inhalt_text: "neu",
      absender_email: "service@bank.example",
      antwortinhalt: "<script>x</script>",
    });
    expect(put.status).toBe(200);
    expect(put.body.inhalt_html).toBe(html.body.inhalt_html);
    expect(put.body.inhalt_text).toBe(html.body.inhalt_text);
    expect(put.body.absender_email).toBe("team@testvermittlung.example");
  });

  it("marks a permanently refused e-mail Fehlgeschlagen at once and never sends a draft", async () => {
    const t = await createTherapist(p.api);
    const refused = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      empfaenger_email: "unbekannt@example.org",
      status: "In_Warteschlange",
    });
    const draft = await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      empfaenger_email: "entwurf@example.org",
    });
    await waitFor(
      async () =>
        (await p.api.staff("GET", `/api/emails/${refused.body.id}`)).body.status === "Fehlgeschlagen",
    );
    const failed = (await p.api.staff("GET", `/api/emails/${refused.body.id}`)).body;
    expect(failed.wiederholungsanzahl).toBe(1);
    expect(failed.fehlermeldung).toMatch(/550|Mailbox unavailable/);
    expect((await p.api.staff("GET", `/api/emails/${draft.body.id}`)).body.status).toBe("Entwurf");
    expect(p.smtp.mails.some((m) => m.to.includes("entwurf@example.org"))).toBe(false);

    // Staff correct the address and queue it again; it goes out with the same Message-ID.
    const fixed = await p.api.staff("PUT", `/api/emails/${refused.body.id}`, {
      empfaenger_email: "richtig@example.org",
      status: "In_Warteschlange",
    });
    expect(fixed.body.status).toBe("In_Warteschlange");
    const mail = await p.smtp.waitFor((m) => m.to.includes("richtig@example.org"));
    expect(mail.messageId).toBe(failed.message_id);
    await waitFor(
      async () => (await p.api.staff("GET", `/api/emails/${refused.body.id}`)).body.status === "Gesendet",
    );
    const locked = await p.api.staff("PUT", `/api/emails/${refused.body.id}`, {
      empfaenger_email: "x@example.org",
    });
    expect([locked.status, locked.body.type]).toEqual([409, "EMAIL_RECIPIENT_LOCKED"]);
  });

  it("lists newest first with the filters of 4.5 and clamped pagination", async () => {
    const t = await createTherapist(p.api);
    const ids: number[] = [];
    for (const b of ["Eins", "Zwei", "Drei"])
      ids.push(
        (await p.api.staff("POST", "/api/emails", { ...base, betreff: b, therapist_id: t.id })).body.id,
      );
    const list = await p.api.staff("GET", `/api/emails?therapist_id=${t.id}`);
    expect(list.body.data.map((e: { id: number }) => e.id)).toEqual([...ids].reverse());
    expect(list.body).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(list.body.data[0].inhalt_html).toBeUndefined();
    const q = (s: string) => p.api.staff("GET", `/api/emails?${s}`);
    expect((await q(`therapist_id=${t.id}&status=Entwurf`)).body.total).toBe(3);
    expect((await q(`therapist_id=${t.id}&status=Gesendet`)).body.total).toBe(0);
    expect((await q(`therapist_id=${t.id}&recipient_type=patient`)).body.total).toBe(0);
    expect((await q(`therapist_id=${t.id}&recipient_type=therapist`)).body.total).toBe(3);
    expect((await q("status=SENT")).body).toMatchObject({ data: [], total: 0 });
    expect((await q(`therapist_id=${t.id}&antwort_erhalten=false`)).body.total).toBe(3);
    const bad = await q("antwort_erhalten=vielleicht");
    expect([bad.status, bad.body.message]).toEqual([
      400,
      "Invalid boolean value 'vielleicht'. Use 'true' or 'false'.",
    ]);
    expect((await q("limit=5000")).body.limit).toBe(1000);
    expect(
      (await q(`therapist_id=${t.id}&limit=2&page=2`)).body.data.map((e: { id: number }) => e.id),
    ).toEqual([ids[0]]);
  });

  it("searches recipient name, address and subject (the staff app's name search), wildcards taken literally", async () => {
    const t = await createTherapist(p.api);
    await p.api.staff("POST", "/api/emails", {
      ...base,
      therapist_id: t.id,
      empfaenger_name: "Dr. Suchmann",
      empfaenger_email: "praxis-suchmann@example.org",
      betreff: "Anfrage A1",
    });
    await p.api.staff("POST", "/api/emails", { ...base, therapist_id: t.id, betreff: "Rückfrage 100%" });
    const q = async (s: string) =>
      (await p.api.staff("GET", `/api/emails?therapist_id=${t.id}&search=${encodeURIComponent(s)}`)).body;
    expect((await q("suchmann")).data.map((e: any) => e.empfaenger_name)).toEqual(["Dr. Suchmann"]);
    expect((await q("praxis-such")).total).toBe(1);
    expect((await q("rückfrage")).total).toBe(1);
    expect((await q("100%")).total).toBe(1);
    expect((await q("%")).total).toBe(1);
    expect((await q("niemand")).total).toBe(0);
  });

  it("changes status and answer with their timestamps, and deletes", async () => {
    const t = await createTherapist(p.api);
    const e = (await p.api.staff("POST", "/api/emails", { ...base, therapist_id: t.id })).body;
    expect(e.inhalt_text).toContain("Testvermittlung GmbH");
    const bad = await p.api.staff("PUT", `/api/emails/${e.id}`, { status: "SENT" });
    expect([bad.status, bad.body.message]).toEqual([
      400,
      "Invalid status 'SENT'. Valid values: Entwurf, In_Warteschlange, Wird_gesendet, Gesendet, Fehlgeschlagen",
    ]);
    const sent = await p.api.staff("PUT", `/api/emails/${e.id}`, { status: "Gesendet" });
    expect(sent.body.gesendet_am).toEqual(expect.any(String));
    // Staff marking it sent is a contact like the queue's: letzter_kontakt_email through email.sent.
    await waitFor(
      async () => (await p.api.staff("GET", `/api/therapists/${t.id}`)).body.letzter_kontakt_email !== null,
    );
    const answered = await p.api.staff("PUT", `/api/emails/${e.id}`, {
      antwort_erhalten: true,
      antwortinhalt: "Gern!",
    });
    expect(answered.body).toMatchObject({ antwort_erhalten: true, antwortinhalt: "Gern!" });
    expect(answered.body.antwortdatum).toEqual(expect.any(String));
    const del = await p.api.staff("DELETE", `/api/emails/${e.id}`);
    expect(del.body.message).toBe("Email deleted successfully");
    const gone = await p.api.staff("GET", `/api/emails/${e.id}`);
    expect([gone.status, gone.body.message]).toEqual([404, "Email not found"]);
    expect((await p.api.staff("PUT", "/api/emails/abc", { status: "Entwurf" })).status).toBe(404);
  });
});

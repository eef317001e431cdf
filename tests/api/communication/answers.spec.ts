import { linkKey, signAnswer } from "../../../services/communication/domain/links";
import { inquiryFor, linkToken, startPlatform, type Platform } from "./harness";

/** One-click answers (decisions.md 15, quality.md S6): valid, forged, expired, replayed, other inquiry's token. */
describe("one-click answer links", () => {
  let p: Platform;
  let key: Buffer;
  beforeAll(async () => {
    p = await startPlatform();
    const c = p.api.config;
    key = linkKey(c.keys.answerLinkSecret);
  });
  afterAll(() => p.stop());

  const page = (token: string) => fetch(`${p.api.url}/api/antwort/${token}`);
  const submit = (token: string, form: Record<string, string>) =>
    fetch(`${p.api.url}/api/antwort/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  const emailText = async (anfrageId: number) => {
    const detail = (await p.api.staff("GET", `/api/therapeutenanfragen/${anfrageId}`)).body;
    return (await p.api.staff("GET", `/api/emails/${detail.email_id}`)).body.inhalt_text as string;
  };
  const future = () => Math.floor(Date.now() / 1000) + 3600;

  it("opens a German page for the clicked patient's answer, records the submitted answer once, refuses replays", async () => {
    const inq = await inquiryFor(p.api, {
      patients: [{ vorname: "Vertraulich" }, { nachname: "Geheimnis" }],
    });
    const [first, second] = inq.patients;
    const text = await emailText(inq.id);
    // The second patient's "Keine Kapazität" link (links appear per patient in order).
    const token = [...text.matchAll(/Keine Kapazität: \S+\/api\/antwort\/([\w.-]+)/g)][1][1];

    const opened = await page(token);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/);
    const html = await opened.text();
    expect(html).toContain(`Ihre Antwort zur Anfrage A${inq.id}`);
    expect(html).toContain(`name="outcome_${second.id}" value="abgelehnt_Kapazitaet" required checked>`);
    expect(html).toContain(`name="outcome_${first.id}" value="angenommen" required>`);
    expect(html).not.toMatch(/Vertraulich|Geheimnis/);
    // Opening the page records nothing (mail scanners follow links).
    expect((await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body.antwort_datum).toBeNull();

    const incomplete = await submit(token, { [`outcome_${second.id}`]: "abgelehnt_Kapazitaet" });
    expect(incomplete.status).toBe(400);
    const sessionOutcome = await submit(token, {
      [`outcome_${first.id}`]: "in_Sitzungen",
      [`outcome_${second.id}`]: "abgelehnt_Kapazitaet",
    });
    expect(sessionOutcome.status).toBe(400);
    expect((await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body.antwort_datum).toBeNull();

    const done = await submit(token, {
      [`outcome_${first.id}`]: "angenommen",
      [`outcome_${second.id}`]: "abgelehnt_Kapazitaet",
      notizen: "Erstgespräch ab Januar <b>möglich</b>",
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Vielen Dank!");
    const after = (await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body;
    expect(after.antworttyp).toBe("teilweise_Annahme");
    expect(after.notizen).toContain(
      "(Antwortlink)] Antwort über Link: Erstgespräch ab Januar <b>möglich</b>",
    );
    expect(after.patients.map((x: { antwortergebnis: string }) => x.antwortergebnis)).toEqual([
      "angenommen",
      "abgelehnt_Kapazitaet",
    ]);
    // Recorded like a staff answer: the therapist's cooling period started.
    expect(
      (await p.api.staff("GET", `/api/therapists/${inq.therapist.id}`)).body.naechster_kontakt_moeglich,
    ).not.toBeNull();

    const replayPage = await page(token);
    expect(replayPage.status).toBe(409);
    expect(await replayPage.text()).toContain("Bereits beantwortet");
    const replay = await submit(linkToken(text), {
      [`outcome_${first.id}`]: "abgelehnt_nicht_geeignet",
      [`outcome_${second.id}`]: "angenommen",
    });
    expect(replay.status).toBe(409);
    expect((await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body.antworttyp).toBe(
      "teilweise_Annahme",
    );
  });

  it("refuses forged, altered and expired links", async () => {
    const inq = await inquiryFor(p.api);
    const token = linkToken(await emailText(inq.id));
    const [body, sig] = token.split(".");
    const flipped = `${body}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    expect((await page(flipped)).status).toBe(400);
    const otherInquiry = Buffer.from(
      JSON.stringify({ a: inq.id + 1000, p: null, o: null, e: future() }),
    ).toString("base64url");
    expect((await page(`${otherInquiry}.${sig}`)).status).toBe(400);
    const forged = signAnswer(
      { a: inq.id, p: null, o: null, e: future() },
      linkKey("not-the-platform-key-123"),
    );
    expect((await page(forged)).status).toBe(400);
    const expired = signAnswer(
      { a: inq.id, p: inq.patients[0].id, o: "angenommen", e: Math.floor(Date.now() / 1000) - 1 },
      key,
    );
    const r = await page(expired);
    expect(r.status).toBe(410);
    expect(await r.text()).toContain("Link abgelaufen");
    const post = await submit(expired, { [`outcome_${inq.patients[0].id}`]: "angenommen" });
    expect(post.status).toBe(410);
    expect((await p.api.staff("GET", `/api/therapeutenanfragen/${inq.id}`)).body.antwort_datum).toBeNull();
    expect((await page(linkToken(await emailText(inq.id)))).status).toBe(200);
  });

  it("refuses a link naming a patient of another inquiry, and links of unknown or unsent inquiries", async () => {
    const a = await inquiryFor(p.api);
    const b = await inquiryFor(p.api);
    const mixed = signAnswer({ a: a.id, p: b.patients[0].id, o: "angenommen", e: future() }, key);
    expect((await page(mixed)).status).toBe(400);
    const posted = await submit(mixed, { [`outcome_${a.patients[0].id}`]: "angenommen" });
    expect(posted.status).toBe(400);
    expect((await p.api.staff("GET", `/api/therapeutenanfragen/${a.id}`)).body.antwort_datum).toBeNull();
    expect((await page(signAnswer({ a: 999999, p: null, o: null, e: future() }, key))).status).toBe(404);
    const unsent = await inquiryFor(p.api, { send: false });
    expect((await page(signAnswer({ a: unsent.id, p: null, o: null, e: future() }, key))).status).toBe(409);
  });
});

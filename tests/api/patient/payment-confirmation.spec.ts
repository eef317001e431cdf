import { startApi, type TestApi } from "../../helpers/api";

describe("payment received (domain.md 3.2 step 4)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      groups: ["patient", "communication"],
      env: { EMAIL_QUEUE_INTERVAL_MS: "100000" },
    });
  });
  afterAll(() => api.stop());

  it("queues the payment confirmation with the Zahlungsreferenz once the search starts, and only then", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", {
      anrede: "Frau",
      geschlecht: "weiblich",
      vorname: "Paula",
      nachname: "Zahler",
      email: "paula@example.org",
      vertraege_unterschrieben: true,
    });
    await api.staff("PUT", `/api/patients/${p.id}`, { zahlung_eingegangen: true });
    await api.staff("PUT", `/api/patients/${p.id}`, { telefon: "0241 1" });
    const emails = await api.staff("GET", `/api/emails?patient_id=${p.id}`);
    expect(emails.body.total).toBe(1);
    const e = await api.staff("GET", `/api/emails/${emails.body.data[0].id}`);
    expect(e.body.inhalt_text).toContain(p.zahlungsreferenz);
    expect(e.body.inhalt_text).toContain("Sehr geehrte Frau Zahler");
  });
});

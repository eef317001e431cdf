import { patientLines, redactPatient } from "../../../services/communication/domain/gdpr";
import { timeline } from "../../../services/communication/domain/history";
import { markdownToEmail } from "../../../services/communication/domain/render";

const md = [
  "### Patienten-ID 5",
  "",
  "- Alter: 34 Jahre",
  "- Symptome: Schlafstörungen",
  "",
  "### Patienten-ID 6",
  "",
  "- Alter: 51 Jahre",
  "- Symptome: Einsamkeit",
  "",
  "Mit freundlichen Grüßen",
].join("\n");
const { html, text } = markdownToEmail(md, null);

describe("a patient's part of an inquiry e-mail (decisions.md 24)", () => {
  it("is exported as the patient's own lines only", () => {
    expect(patientLines(text, 6)).toEqual(["Alter: 51 Jahre", "Symptome: Einsamkeit"]);
    expect(patientLines(text, 7)).toEqual([]);
  });

  it("is removed on erasure while other patients' parts stay", () => {
    const r = redactPatient(html, text, 5);
    expect(r.text).not.toContain("34 Jahre");
    expect(r.html).not.toContain("34 Jahre");
    expect(r.text).toContain("51 Jahre");
    expect(r.html).toContain("51 Jahre");
    expect(r.text).toContain("[Angaben nach DSGVO-Löschung entfernt]");
    expect(r.html).toContain("<h3>Patienten-ID 5</h3>");
  });
});

describe("communication history (domain.md 4.2)", () => {
  it("lists e-mails and calls newest first", () => {
    const local = (iso: string) => iso.slice(0, 16);
    const t = timeline(
      [
        {
          id: 1,
          betreff: "A",
          status: "Gesendet",
          antwort_erhalten: false,
          gesendet_am: "2026-11-20T09:00:00.000Z",
          created_at: "2026-11-19T09:00:00.000Z",
        },
        {
          id: 2,
          betreff: "B",
          status: "Entwurf",
          antwort_erhalten: false,
          gesendet_am: null,
          created_at: "2026-11-22T09:00:00.000Z",
        },
      ],
      [
        {
          id: 9,
          status: "geplant",
          ergebnis: null,
          geplantes_datum: "2026-11-21",
          geplante_zeit: "08:00",
          tatsaechliches_datum: null,
          tatsaechliche_zeit: null,
        },
      ],
      local,
    );
    expect(t.map((e) => `${e.type}:${e.id}`)).toEqual(["email:2", "phone_call:9", "email:1"]);
    expect(t[1]).toMatchObject({ date: "2026-11-21T08:00", status: "geplant", outcome: null });
    expect(t[2]).toMatchObject({ subject: "A", response_received: false });
  });
});

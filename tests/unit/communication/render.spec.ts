import {
  contentToEmail,
  legalFooter,
  markdownToEmail,
  renderTemplate,
  type Company,
} from "../../../services/communication/domain/render";

const company: Company & { senderName: string } = {
  name: "Beispiel Vermittlung GmbH",
  street: "Hauptstraße 5",
  plz: "52062",
  city: "Aachen",
  country: "Deutschland",
  email: "kontakt@beispiel.example",
  ceo: "Erika Beispiel",
  registerCourt: "Amtsgericht Aachen",
  registerNumber: "HRB 12345",
  privacyUrl: "https://beispiel.example/datenschutz",
  senderName: "Beispiel Vermittlung",
};

describe("markdown to e-mail parts (domain.md 4.5)", () => {
  const md = "# Hallo\n\n**fett**, *kursiv*, [Link](https://a.example/x) und https://b.example/info";
  const { html, text } = markdownToEmail(md, legalFooter(company));

  it("renders headings, bold, italic, links and links bare URLs", () => {
    expect(html).toContain("<h1>Hallo</h1>");
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("<em>kursiv</em>");
    expect(html).toContain('<a href="https://a.example/x">Link</a>');
    expect(html).toContain('<a href="https://b.example/info">https://b.example/info</a>');
  });

  it("writes the same words as plain text without markup", () => {
    expect(text).toContain("Hallo\n");
    expect(text).toContain("fett, kursiv, Link: https://a.example/x und https://b.example/info");
    expect(text).not.toMatch(/[*#]/);
  });

  it("adds the legal footer from config to both parts", () => {
    for (const part of [html, text]) {
      for (const s of [
        "Beispiel Vermittlung GmbH",
        "Hauptstraße 5",
        "52062 Aachen",
        "Deutschland",
        "Erika Beispiel",
      ])
        expect(part).toContain(s);
      expect(part).toContain("HRB 12345");
      expect(part).toContain("https://beispiel.example/datenschutz");
    }
  });

  it("escapes HTML and leaves template syntax as text", () => {
    const r = markdownToEmail('<script>alert(1)</script> <img src=x onerror="y"> {{ 7*7 }}', null);
    expect(r.html).not.toContain("<script>");
    expect(r.html).not.toContain("<img");
    expect(r.html).toContain("&lt;script&gt;");
    expect(r.html).toContain("{{ 7*7 }}");
  });

  it("turns staff HTML or plain text into both parts", () => {
    const fromText = contentToEmail(null, "Zeile 1\n<b>nicht fett</b>", null);
    expect(fromText.html).toBe("<p>Zeile 1<br>&lt;b&gt;nicht fett&lt;/b&gt;</p>");
    const fromHtml = contentToEmail("<p>Guten Tag</p><p>Mit &amp; ohne</p>", null, legalFooter(company));
    expect(fromHtml.text).toContain("Guten Tag\nMit & ohne");
    expect(fromHtml.text).toContain("Beispiel Vermittlung GmbH");
  });
});

/** What the recipient reads: subject and the plain-text part (same words as the HTML part). */
function rendered(name: Parameters<typeof renderTemplate>[0], vars: Record<string, unknown>) {
  const r = renderTemplate(name, vars);
  const { text, html } = markdownToEmail(r.markdown, null);
  return { betreff: r.betreff, markdown: text, html };
}

const patient = (id: number, over: Record<string, unknown> = {}) => ({
  patient_id: id,
  alter: "34 Jahre",
  geschlecht: "weiblich",
  symptome: "Schlafstörungen, Einsamkeit",
  krankenkasse: "AOK",
  erfahrung: "Nein",
  gruppe: "Ja",
  verfuegbarkeit: "Montag: 09:00 bis 12:00 Uhr",
  links: {
    angenommen: `https://x.example/api/antwort/yes${id}`,
    abgelehnt_Kapazitaet: `https://x.example/api/antwort/full${id}`,
    abgelehnt_nicht_geeignet: `https://x.example/api/antwort/no${id}`,
  },
  ...over,
});
const inquiryVars = (patienten: unknown[], over: Record<string, unknown> = {}) => ({
  anfrage_id: 77,
  anrede_zeile: "Sehr geehrte Frau Dr. Schäfer,",
  informiert: false,
  wen: "eine Patientin",
  wem: "ihr",
  wessen: "einer Patientin",
  tage_seit_versand: 8,
  company,
  link_alle: "https://x.example/api/antwort/all",
  patienten,
  ...over,
});

describe("inquiry templates (domain.md 3.7)", () => {
  it("has the subject 'Suche Psychotherapieplätze - Ref: A<id>' and the patient block", () => {
    const r = rendered("inquiry", inquiryVars([patient(5)]));
    expect(r.betreff).toBe("Suche Psychotherapieplätze - Ref: A77");
    expect(r.markdown).toContain("Sehr geehrte Frau Dr. Schäfer,");
    expect(r.markdown).toContain("wir suchen für eine Patientin einen Psychotherapieplatz");
    expect(r.markdown).toContain("Könnten Sie ihr innerhalb von 3 Wochen ein Erstgespräch");
    expect(r.html).toContain("<strong>innerhalb weiterer 6 Wochen</strong>");
    expect(r.markdown).toContain("Aus Datenschutzgründen nennen wir keine Namen.");
    expect(r.markdown).toContain("Patienten-ID 5\n");
    expect(r.markdown).toContain("- Zeitliche Verfügbarkeit: Montag: 09:00 bis 12:00 Uhr");
    expect(r.html).toContain('<a href="https://x.example/api/antwort/yes5">Platz anbieten</a>');
    expect(r.markdown).toContain(
      "Ausführlich antworten: Antwortseite öffnen: https://x.example/api/antwort/all",
    );
  });

  it("speaks of several patients in the plural and lists each", () => {
    const r = rendered(
      "inquiry",
      inquiryVars([patient(5), patient(6), patient(7)], {
        wen: "3 Patientinnen und Patienten",
        wem: "einer oder mehreren dieser Personen",
      }),
    );
    expect(r.markdown).toContain("wir suchen für 3 Patientinnen und Patienten einen Psychotherapieplatz");
    expect(r.html.match(/<h3>Patienten-ID \d+<\/h3>/g)).toHaveLength(3);
    expect(r.markdown).toContain("Alle auf einmal beantworten");
  });

  it("explains the company in a PS only to therapists who do not know it", () => {
    expect(rendered("inquiry", inquiryVars([patient(5)])).markdown).toContain(
      "PS: Beispiel Vermittlung GmbH ist eine Vermittlungsplattform",
    );
    expect(rendered("inquiry", inquiryVars([patient(5)], { informiert: true })).markdown).not.toContain(
      "PS:",
    );
  });

  it("escapes markdown in data so a value cannot become a link or heading", () => {
    const r = rendered(
      "inquiry",
      inquiryVars([patient(5, { krankenkasse: "[AOK](https://evil.example)\n# X" })]),
    );
    expect(r.html).not.toContain('href="https://evil.example"');
    expect(r.html).not.toContain("<h1>X</h1>");
    expect(r.markdown).toContain("- Krankenversicherung: [AOK](https://evil.example) # X");
  });

  it("reminds with the days since sending", () => {
    const r = rendered("inquiry_reminder", inquiryVars([patient(5)]));
    expect(r.betreff).toBe("Erinnerung: Suche Psychotherapieplätze - Ref: A77");
    expect(r.markdown).toContain("wir hatten Ihnen vor 8 Tagen wegen einer Patientin geschrieben");
    expect(r.markdown).toContain("Patienten-ID 5\n");
  });
});

describe("patient templates (domain.md 3.2, 3.10)", () => {
  it("confirms a registration with contract link, IBAN and payment reference from config", () => {
    const c = {
      ...company,
      contractUrl: "https://beispiel.example/vertrag.pdf",
      iban: "DE02 1203 0000 0000 2020 51",
      bic: "",
      bankName: "",
    };
    const r = rendered("registration_confirmation", {
      anrede_zeile: "Sehr geehrte Frau Muster,",
      zahlungsreferenz: "ab12cd34",
      company: c,
    });
    expect(r.betreff).toBe("Registrierung Suche Psychotherapieplatz erfolgreich");
    expect(r.markdown).toContain("https://beispiel.example/vertrag.pdf");
    expect(r.markdown).toContain("IBAN: DE02 1203 0000 0000 2020 51");
    expect(r.html).toContain("<strong>ab12cd34</strong>");
    expect(r.markdown).toContain("116117");
  });

  it("confirms a payment", () => {
    const r = rendered("payment_confirmation", {
      anrede_zeile: "Guten Tag,",
      zahlungsreferenz: "ab12cd34",
      company,
    });
    expect(r.betreff).toBe("Zahlung eingegangen - Ihre Suche beginnt");
    expect(r.markdown).toContain("Verwendungszweck ab12cd34");
  });

  it.each([
    ["success_email_contact", "eine E-Mail an praxis@x.example"],
    ["success_phone_contact", "unter 0241 123 an (telefonisch erreichbar: Montag: 09:00 bis 10:00 Uhr)"],
    ["success_meeting_confirmation_email", "am 15. Februar 2025 um 14:00 Uhr"],
    ["success_meeting_confirmation_phone", "telefonisch unter 0241 123"],
  ] as const)("%s names the practice and how to reach it", (name, expected) => {
    const r = rendered(name, {
      anrede_zeile: "Sehr geehrter Herr Muster,",
      therapeut_name: "Dr. Anna Schäfer",
      therapeut_adresse: "Weg 1, 52062 Aachen",
      therapeut_email: "praxis@x.example",
      therapeut_telefon: "0241 123",
      telefonzeiten: "Montag: 09:00 bis 10:00 Uhr",
      termin_datum: "15. Februar 2025",
      termin_uhrzeit: "14:00 Uhr",
      anhaenge: true,
      company,
    });
    expect(r.betreff).toBe("Therapieplatz gefunden - bitte zeitnah bearbeiten");
    expect(r.markdown).toContain("Dr. Anna Schäfer, Weg 1, 52062 Aachen");
    expect(r.markdown).toContain(expected);
    expect(r.markdown).toContain("Im Anhang finden Sie Unterlagen der Praxis");
  });
});

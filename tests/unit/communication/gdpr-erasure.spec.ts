import { patientLines, redactPatient } from "../../../services/communication/domain/gdpr";

// An inquiry e-mail about three patients as it is stored (plain-text and HTML part).
const text = [
  "Guten Tag,",
  "",
  "Patienten-ID 5",
  "",
  "- Alter: 34 Jahre",
  "- Symptome: Schlafstörungen",
  "",
  "Patienten-ID 55",
  "",
  "- Alter: 51 Jahre",
  "- Symptome: Einsamkeit",
  "",
  "Patienten-ID 7",
  "",
  "- Alter: 27 Jahre",
  "- Symptome: Panikattacken",
  "",
  "Mit freundlichen Grüßen",
].join("\n");
const html = [
  "<p>Guten Tag,</p>",
  "<h3>Patienten-ID 5</h3>",
  "<ul>\n<li>Alter: 34 Jahre</li>\n<li>Symptome: Schlafstörungen</li>\n</ul>",
  "<h3>Patienten-ID 55</h3>",
  "<ul>\n<li>Alter: 51 Jahre</li>\n<li>Symptome: Einsamkeit</li>\n</ul>",
  "<h3>Patienten-ID 7</h3>",
  "<ul>\n<li>Alter: 27 Jahre</li>\n<li>Symptome: Panikattacken</li>\n</ul>",
  "<p>Mit freundlichen Grüßen</p>",
].join("\n");
const NOTE = "[Angaben nach DSGVO-Löschung entfernt]";

describe("erasing one patient from a stored inquiry e-mail (Art. 17, decisions.md 24)", () => {
  it("removes a patient in the middle and keeps the patients before and after", () => {
    const r = redactPatient(html, text, 55);
    for (const part of [r.text, r.html]) {
      expect(part).not.toContain("51 Jahre");
      expect(part).not.toContain("Einsamkeit");
      expect(part).toContain("34 Jahre");
      expect(part).toContain("Panikattacken");
      expect(part).toContain(NOTE);
      expect(part).toContain("Mit freundlichen Grüßen");
    }
  });

  it("removes the last patient's block only", () => {
    const r = redactPatient(html, text, 7);
    expect(r.text).toBe(text.replace("- Alter: 27 Jahre\n- Symptome: Panikattacken", NOTE));
    expect(r.html).toContain("<h3>Patienten-ID 7</h3>\n<p>" + NOTE + "</p>");
    expect(r.html).not.toContain("Panikattacken");
    expect(r.html).toContain("Schlafstörungen");
  });

  it("does not mistake patient 5 for patient 55", () => {
    const r = redactPatient(html, text, 5);
    expect(r.text).toBe(text.replace("- Alter: 34 Jahre\n- Symptome: Schlafstörungen", NOTE));
    expect(r.html).toContain("Einsamkeit");
    expect(r.html).not.toContain("Schlafstörungen");
  });

  it("keeps the heading, so the e-mail still shows that a patient was named", () => {
    const r = redactPatient(html, text, 55);
    expect(r.text.split("\n")).toContain("Patienten-ID 55");
    expect(r.html).toContain("<h3>Patienten-ID 55</h3>");
  });

  it("changes nothing in an e-mail that does not name the patient", () => {
    expect(redactPatient(html, text, 8)).toEqual({ html, text });
  });

  it("removes a block that directly follows its heading", () => {
    const tight = "Patienten-ID 3\n- Alter: 40 Jahre\nEnde";
    expect(redactPatient("", tight, 3).text).toBe(`Patienten-ID 3\n${NOTE}\nEnde`);
  });
});

describe("exporting one patient's part of an e-mail (Art. 15)", () => {
  it("returns only that patient's lines, for any position", () => {
    expect(patientLines(text, 5)).toEqual(["Alter: 34 Jahre", "Symptome: Schlafstörungen"]);
    expect(patientLines(text, 55)).toEqual(["Alter: 51 Jahre", "Symptome: Einsamkeit"]);
    expect(patientLines(text, 7)).toEqual(["Alter: 27 Jahre", "Symptome: Panikattacken"]);
    expect(patientLines(text, 8)).toEqual([]);
  });

  it("stops at the first line that is not part of the list", () => {
    expect(patientLines("Patienten-ID 3\n- Alter: 40 Jahre\nEnde\n- Fremd: x", 3)).toEqual([
      "Alter: 40 Jahre",
    ]);
  });
});

describe("e-mails as they arrive from other systems", () => {
  const crlf = text.split("\n").join("\r\n");

  it("reads and erases a patient in an e-mail stored with CRLF line ends", () => {
    expect(patientLines(crlf, 55).map((l) => l.trim())).toEqual(["Alter: 51 Jahre", "Symptome: Einsamkeit"]);
    const r = redactPatient("", crlf, 55);
    expect(r.text).not.toContain("Einsamkeit");
    expect(r.text).toContain(NOTE);
    expect(r.text).toContain("Panikattacken");
  });

  it("finds nothing for a patient not named, even when the e-mail starts with a list", () => {
    expect(patientLines("- Hinweis: allgemein\nPatienten-ID 3\n- Alter: 40 Jahre", 8)).toEqual([]);
  });

  it("ends a patient's block at the first blank line after its list", () => {
    expect(patientLines("Patienten-ID 3\n- Alter: 40 Jahre\n\n- Fremd: x", 3)).toEqual(["Alter: 40 Jahre"]);
  });

  it("erases a block that ends the e-mail, and copes with a heading that ends it", () => {
    expect(redactPatient("", "Patienten-ID 3\n\n- Alter: 40 Jahre", 3).text).toBe(
      `Patienten-ID 3\n\n${NOTE}`,
    );
    expect(redactPatient("", "Patienten-ID 3\n\n", 3).text).toBe(`Patienten-ID 3\n\n\n${NOTE}`);
  });
});

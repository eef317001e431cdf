import { sanitizePdfName, uniqueName } from "../../../services/therapist/domain/filenames";

describe("PDF file names of a therapist (domain.md 2.5)", () => {
  it("keeps German letters, digits, spaces, dots, dashes and underscores", () => {
    expect(sanitizePdfName("Lebenslauf Müller-Straß_2024 v1.2.pdf")).toBe(
      "Lebenslauf Müller-Straß_2024 v1.2.pdf",
    );
  });

  it("drops any path, from either kind of separator", () => {
    expect(sanitizePdfName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(sanitizePdfName("C:\\Users\\x\\Befund.pdf")).toBe("Befund.pdf");
  });

  it("replaces other characters and always ends in a single .pdf", () => {
    expect(sanitizePdfName("Antrag<1>:neu?.PDF")).toBe("Antrag_1__neu_.pdf");
    expect(sanitizePdfName("Bericht")).toBe("Bericht.pdf");
    expect(sanitizePdfName("a.pdf.pdf")).toBe("a.pdf.pdf");
  });

  it("does not produce hidden files, and collapses and trims white space", () => {
    expect(sanitizePdfName("..  .versteckt.pdf")).toBe("versteckt.pdf");
    expect(sanitizePdfName("  Zwei   Wörter  da .pdf")).toBe("Zwei Wörter da.pdf");
    expect(sanitizePdfName("Tab\there.pdf")).toBe("Tab_here.pdf");
  });

  it("names an empty result 'dokument'", () => {
    for (const raw of ["", ".pdf", "...", "dir/", "  "]) expect(sanitizePdfName(raw)).toBe("dokument.pdf");
  });

  it("writes umlauts in one form whatever form they came in", () => {
    expect(sanitizePdfName("Gu\u0308nther.pdf")).toBe("G\u00fcnther.pdf");
  });

  it("shortens very long names to 120 characters before the extension", () => {
    expect(sanitizePdfName(`${"x".repeat(300)}.pdf`)).toBe(`${"x".repeat(120)}.pdf`);
  });
});

describe("a free name for a new PDF", () => {
  it("keeps a free name and numbers a taken one from 2 on", () => {
    expect(uniqueName("a.pdf", new Set())).toBe("a.pdf");
    expect(uniqueName("a.pdf", new Set(["a.pdf"]))).toBe("a (2).pdf");
    expect(uniqueName("a.pdf", new Set(["a.pdf", "a (2).pdf", "a (3).pdf"]))).toBe("a (4).pdf");
  });
});

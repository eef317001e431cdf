import * as fs from "node:fs";
import * as path from "node:path";
import { parseSavedPage } from "../../../services/therapist/import/html";
import { from116117 } from "../../../services/therapist/import/mapping";
import { splitName } from "../../../services/therapist/import/names";

const page = fs.readFileSync(path.resolve(__dirname, "../../fixtures/116117/saved-page.html"), "utf8");

describe("saved 116117 result page (external-apis.md 1.4)", () => {
  const blocks = parseSavedPage(page)!;

  it("reads one block per practice inside the result list only (not header, footer or scripts)", () => {
    expect(blocks).toHaveLength(6);
    expect(blocks.filter((b) => b.ok)).toHaveLength(4);
    const names = blocks.flatMap((b) => (b.ok ? [b.record.name] : []));
    expect(names).toEqual(["Beispiel", "Meyer-Schulz", "von Null", "Kindlich"]);
  });

  it("takes name, address, distance and contacts from their lines", () => {
    const anna = blocks[0].ok ? blocks[0].record : null;
    expect(anna).toMatchObject({
      anrede: "Frau",
      titel: "Dr.",
      vorname: "Anna",
      name: "Beispiel",
      strasse: "Musterstraße 12a",
      plz: "04107",
      ort: "Leipzig",
      distance: 1200,
      tel: "0341 1234567",
      email: "praxis@beispiel.example",
    });
    const bernd = blocks[1].ok ? blocks[1].record : null;
    expect(bernd).toMatchObject({ titel: "Dipl.-Psych.", tel: "0341 7654321", fax: "0341 7654322" });
  });

  it("reads only the phone column, 'Heute, DD.MM.YYYY' as its weekday, and each doubled range once", () => {
    const anna = from116117(blocks[0].ok ? blocks[0].record : {});
    expect(anna.ok && anna.value.telefonische_erreichbarkeit).toEqual({
      montag: ["09:10-10:00"],
      donnerstag: ["12:00-12:50", "17:00-17:30"],
    });
    const bernd = from116117(blocks[1].ok ? blocks[1].record : {});
    expect(bernd.ok && bernd.value).toMatchObject({
      telefonische_erreichbarkeit: { dienstag: ["08:00-09:00"] },
      psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
      nachname: "Meyer-Schulz",
    });
  });

  it("maps methods and the age group like a 116117 record: children-only practices are skipped", () => {
    const mapped = blocks.map((b) => (b.ok ? from116117(b.record) : null));
    expect(mapped[0]).toMatchObject({ ok: true, value: { psychotherapieverfahren: "Verhaltenstherapie" } });
    expect(mapped[2]).toMatchObject({
      ok: true,
      value: { psychotherapieverfahren: "egal", telefonische_erreichbarkeit: {} },
    });
    expect(mapped[3]).toMatchObject({ ok: false, skip: true });
  });

  it("returns unreadable blocks as failures with a reason instead of failing the page", () => {
    expect(blocks[4]).toEqual({
      ok: false,
      label: "Herr Prof. Dr. Konrad Kaputt",
      error: "Failed to parse HTML result: no 'PLZ Ort' line",
    });
    expect(blocks[5]).toMatchObject({ ok: false, error: expect.stringMatching(/first name and surname/) });
  });

  it("is null for a page without a result list and empty for an empty list", () => {
    expect(parseSavedPage("<html><body><p>Frau Dr. Anna Beispiel</p></body></html>")).toBeNull();
    expect(parseSavedPage("not html at all")).toBeNull();
    expect(parseSavedPage('<div class="search-results-container"></div>')).toEqual([]);
  });
});

describe("display names", () => {
  it.each([
    [
      "Frau Dr. med. Anna Maria Beispiel",
      { anrede: "Frau", titel: "Dr. med.", vorname: "Anna Maria", nachname: "Beispiel" },
    ],
    [
      "Herr Dipl.-Psych. Bernd Meyer -Schulz",
      { anrede: "Herr", titel: "Dipl.-Psych.", vorname: "Bernd", nachname: "Meyer-Schulz" },
    ],
    [
      "Prof. Dr. Eva van der Berg",
      { anrede: null, titel: "Prof. Dr.", vorname: "Eva", nachname: "van der Berg" },
    ],
    ["Frau Lea Kurz- Lang", { vorname: "Lea", nachname: "Kurz-Lang" }],
  ])("%s", (line, expected) => {
    expect(splitName(line)).toMatchObject({ ok: true, ...expected });
  });

  it("needs a first name and a surname", () => {
    expect(splitName("Dr. Einname").ok).toBe(false);
    expect(splitName("Frau").ok).toBe(false);
  });
});

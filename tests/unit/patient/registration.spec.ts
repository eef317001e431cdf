import * as fs from "node:fs";
import * as path from "node:path";
import { parseRegistration } from "../../../services/patient/domain/registration";

const FIXTURES = path.resolve(__dirname, "../../fixtures/registrations");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

describe("registration files (domain.md 3.2 steps 2-3, 2.13)", () => {
  it("maps a complete registration with the import's fixed values", () => {
    const r = parseRegistration(fixture("valid-complete.json"));
    if (!r.ok) throw new Error(r.error);
    const { fields, token } = r.registration;
    expect(token).toHaveLength(64);
    expect(fields).toMatchObject({
      vorname: "Lea",
      nachname: "Import",
      zahlungsreferenz: "a7f3c91b",
      vertraege_unterschrieben: true,
      zahlung_eingegangen: false,
      status: "offen",
      symptome: ["Schlafstörungen", "Ängste / Panikattacken"],
      offen_fuer_gruppentherapie: false,
      bevorzugtes_therapeutengeschlecht: "Weiblich",
      zeitliche_verfuegbarkeit: {
        montag: ["08:00-12:00", "14:00-18:00"],
        dienstag: ["08:00-12:00"],
        mittwoch: ["14:00-18:00"],
        freitag: ["08:00-12:00"],
      },
    });
    // The form cannot start the search or set automatic dates; consent metadata is not a patient field.
    expect(fields).not.toHaveProperty("startdatum");
    expect(fields).not.toHaveProperty("consent_metadata");
  });

  it("keeps an explicit group-therapy answer", () => {
    const file = fixture("valid-complete.json");
    file.patient_data.offen_fuer_gruppentherapie = true;
    const r = parseRegistration(file);
    expect(r.ok && r.registration.fields.offen_fuer_gruppentherapie).toBe(true);
  });

  it("takes symptoms only when they are a list", () => {
    const r = parseRegistration(fixture("valid-minimal.json"));
    expect(r.ok && r.registration.fields).not.toHaveProperty("symptome");
    expect(r.ok && r.registration.fields.zahlungsreferenz).toBe("5b2e7c1d");
  });

  it.each([
    ["invalid-symptom.json", "Invalid symptom: 'Herzrasen'. Must be from the predefined list"],
    ["invalid-date.json", "Invalid date format for geburtsdatum. Use YYYY-MM-DD"],
    ["missing-patient-data.json", "Missing patient_data"],
  ])("refuses %s with the API's message", (name, message) => {
    expect(parseRegistration(fixture(name))).toMatchObject({ ok: false, error: message });
  });

  it("needs a token whose first 8 characters can be a Zahlungsreferenz", () => {
    const file = fixture("valid-minimal.json");
    for (const token of [undefined, 42, "short", "ab-cd_ef0123456789"]) {
      const r = parseRegistration({ ...file, registration_token: token });
      expect(r.ok).toBe(false);
    }
    expect(parseRegistration([]).ok).toBe(false);
    expect(parseRegistration(null).ok).toBe(false);
  });

  it("requires the same fields as the API", () => {
    const file = fixture("valid-minimal.json");
    delete file.patient_data.anrede;
    expect(parseRegistration(file)).toEqual({
      ok: false,
      error: "Field 'anrede' is required",
      field: "anrede",
    });
  });
});

import {
  fullName,
  greeting,
  meetingText,
  patientBlock,
  patientPhrases,
} from "../../../services/communication/domain/inquiry-content";
import { missingVariables } from "../../../services/communication/domain/templates";

const patient = {
  id: 31,
  vorname: "Geheim",
  nachname: "Person",
  email: "geheim@example.org",
  krankenversicherungsnummer: "A123456789",
  diagnose: "F32.1",
  geburtsdatum: "1980-11-24",
  geschlecht: "keine_Angabe",
  symptome: ["Schlafstörungen", "Einsamkeit"],
  krankenkasse: "Techniker Krankenkasse",
  erfahrung_mit_psychotherapie: true,
  letzte_sitzung_vorherige_psychotherapie: "2022-03-05",
  offen_fuer_gruppentherapie: false,
  zeitliche_verfuegbarkeit: { Mo: ["9:00-12:00"], mittwoch: ["14:00-18:00"] },
};

describe("what a therapist sees of a patient (domain.md 3.7)", () => {
  const block = patientBlock(patient, "2026-11-23");

  it("shows ID, age, gender, symptoms, insurer, prior therapy with date, group openness, availability", () => {
    expect(block).toEqual({
      patient_id: 31,
      alter: "45 Jahre", // birthday tomorrow
      geschlecht: "keine Angabe",
      symptome: "Schlafstörungen, Einsamkeit",
      krankenkasse: "Techniker Krankenkasse",
      erfahrung: "Ja (letzte Sitzung: 05.03.2022)",
      gruppe: "Nein",
      verfuegbarkeit: "Montag: 09:00 bis 12:00 Uhr, Mittwoch: 14:00 bis 18:00 Uhr",
    });
  });

  it("never carries names, contact data, insurance number or diagnosis", () => {
    const all = JSON.stringify(block);
    for (const secret of ["Geheim", "Person", "geheim@example.org", "A123456789", "F32"])
      expect(all).not.toContain(secret);
  });

  it("says what is not known", () => {
    expect(patientBlock({ id: 1 }, "2026-11-23")).toMatchObject({
      alter: "nicht angegeben",
      symptome: "nicht angegeben",
      erfahrung: "nicht angegeben",
      verfuegbarkeit: "Nicht angegeben",
    });
  });
});

describe("wording", () => {
  it("uses the right singular for one patient and the plural for several", () => {
    expect(patientPhrases(["weiblich"])).toEqual({
      wen: "eine Patientin",
      wem: "ihr",
      wessen: "einer Patientin",
    });
    expect(patientPhrases(["männlich"]).wen).toBe("einen Patienten");
    expect(patientPhrases(["divers"]).wessen).toBe("einer Person");
    expect(patientPhrases(["weiblich", "männlich"]).wen).toBe("2 Patientinnen und Patienten");
  });

  it("greets by salutation, title and name, or neutrally", () => {
    expect(greeting({ anrede: "Frau", titel: "Dr.", nachname: "Schäfer" })).toBe(
      "Sehr geehrte Frau Dr. Schäfer,",
    );
    expect(greeting({ anrede: "Herr", nachname: "Kurz" })).toBe("Sehr geehrter Herr Kurz,");
    expect(greeting({ anrede: null, nachname: "Kurz" })).toBe("Sehr geehrte Damen und Herren,");
  });

  it("names the recipient '<titel> <vorname> <nachname>'", () => {
    expect(fullName({ titel: "Prof. Dr.", vorname: "Anna", nachname: "Lang" })).toBe("Prof. Dr. Anna Lang");
    expect(fullName({ titel: "", vorname: " Anna ", nachname: "Lang" })).toBe("Anna Lang");
  });

  it("writes meeting dates in German", () => {
    expect(meetingText({ date: "2025-02-15", time: "14:00" })).toEqual({
      termin_datum: "15. Februar 2025",
      termin_uhrzeit: "14:00 Uhr",
    });
    expect(meetingText({ date: "15. Februar 2025", time: "14:00 Uhr" }).termin_uhrzeit).toBe("14:00 Uhr");
    expect(missingVariables("success_meeting_confirmation_email", meetingText(null))).toEqual([
      "termin_datum",
      "termin_uhrzeit",
    ]);
  });
});

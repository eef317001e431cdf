import { describe, expect, it } from "vitest";
import type { Therapist } from "../../api/adminTypes";
import { therapistPayload, toTherapistForm } from "./therapistForm";

const stored = {
  id: 7,
  anrede: "Frau",
  geschlecht: "weiblich",
  titel: "Dr.",
  vorname: "Eva",
  nachname: "Muster",
  strasse: "Weg 1",
  plz: "52062",
  ort: "Aachen",
  telefon: "0241 1",
  fax: null,
  email: "eva@example.org",
  webseite: null,
  kassensitz: true,
  telefonische_erreichbarkeit: { montag: ["09:00-10:00"] },
  fremdsprachen: ["Englisch"],
  psychotherapieverfahren: "Verhaltenstherapie",
  alter_min: 18,
  alter_max: null,
  status: "aktiv",
  geschlechtspraeferenz: "Egal",
} as unknown as Therapist;

describe("therapist form payload", () => {
  it("sends nothing when nothing changed", () => {
    const f = toTherapistForm(stored);
    expect(therapistPayload(f, toTherapistForm(stored))).toEqual({});
  });

  it("sends an emptied field, number, method and list as null / [] (clearing clears)", () => {
    const f = {
      ...toTherapistForm(stored),
      telefon: " ",
      alter_min: "",
      psychotherapieverfahren: "",
      fremdsprachen: [],
    };
    expect(therapistPayload(f, toTherapistForm(stored))).toEqual({
      telefon: null,
      alter_min: null,
      psychotherapieverfahren: null,
      fremdsprachen: [],
    });
  });

  it("sends edited phone hours without empty weekdays, and removing all ranges as {}", () => {
    const initial = toTherapistForm(stored);
    const edited = { ...initial, telefonische_erreichbarkeit: { montag: [], dienstag: ["08:00-09:00"] } };
    expect(therapistPayload(edited, initial)).toEqual({
      telefonische_erreichbarkeit: { dienstag: ["08:00-09:00"] },
    });
    const cleared = { ...initial, telefonische_erreichbarkeit: { montag: [] } };
    expect(therapistPayload(cleared, initial)).toEqual({ telefonische_erreichbarkeit: {} });
  });

  it("creates with only the filled fields and the defaults of a new therapist", () => {
    const f = {
      ...toTherapistForm(null),
      anrede: "Herr",
      geschlecht: "männlich",
      vorname: "Max",
      nachname: "Neu",
    };
    expect(therapistPayload(f, null)).toEqual({
      anrede: "Herr",
      geschlecht: "männlich",
      vorname: "Max",
      nachname: "Neu",
      psychotherapieverfahren: "egal",
      geschlechtspraeferenz: "Egal",
      status: "aktiv",
      kassensitz: true,
      potenziell_verfuegbar: false,
      ueber_curavani_informiert: false,
      bevorzugt_gruppentherapie: false,
    });
  });
});

import { describe, expect, it } from "vitest";
import type { Patient } from "../../api/types";
import { emptyPatientForm, patientPayload, toFormValues } from "./patientForm";

const stored = {
  ...toFormValues(null),
  anrede: "Frau",
  geschlecht: "weiblich",
  vorname: "Erika",
  nachname: "Muster",
  telefon: "0241 1",
  erfahrung_mit_psychotherapie: "ja",
  max_km: "30",
  zeitliche_verfuegbarkeit: { montag: ["09:00-12:00"] },
};

describe("patient form payload", () => {
  it("sends only filled fields when creating", () => {
    const body = patientPayload(
      { ...emptyPatientForm(), anrede: "Herr", geschlecht: "männlich", vorname: " Max ", nachname: "M" },
      null,
    );
    expect(body).toEqual({
      anrede: "Herr",
      geschlecht: "männlich",
      vorname: "Max",
      nachname: "M",
      status: "offen",
      bevorzugtes_therapeutengeschlecht: "Egal",
      bevorzugtes_therapieverfahren: "egal",
      zahlung_eingegangen: false,
      vertraege_unterschrieben: false,
    });
  });

  it("sends a cleared field as null and leaves unchanged fields out when editing", () => {
    expect(patientPayload({ ...stored, telefon: "" }, stored)).toEqual({ telefon: null });
    expect(patientPayload({ ...stored, erfahrung_mit_psychotherapie: "" }, stored)).toEqual({
      erfahrung_mit_psychotherapie: null,
    });
    expect(patientPayload({ ...stored, max_km: "" }, stored)).toEqual({ raeumliche_verfuegbarkeit: null });
    expect(patientPayload(stored, stored)).toEqual({});
  });

  it("sends the availability without empty weekdays, and an emptied schedule as {}", () => {
    expect(
      patientPayload(
        { ...stored, zeitliche_verfuegbarkeit: { montag: [], dienstag: ["10:00-11:00"] } },
        stored,
      ),
    ).toEqual({
      zeitliche_verfuegbarkeit: { dienstag: ["10:00-11:00"] },
    });
    expect(patientPayload({ ...stored, zeitliche_verfuegbarkeit: { montag: [] } }, stored)).toEqual({
      zeitliche_verfuegbarkeit: {},
    });
  });

  it("reads a stored patient into form values", () => {
    const v = toFormValues({
      ...({} as Patient),
      anrede: "Herr",
      telefon: null,
      offen_fuer_diga: false,
      symptome: ["Mobbing"],
      raeumliche_verfuegbarkeit: { max_km: 40 },
      zeitliche_verfuegbarkeit: {},
    } as Patient);
    expect([v.telefon, v.offen_fuer_diga, v.symptome, v.max_km]).toEqual(["", "nein", ["Mobbing"], "40"]);
  });
});

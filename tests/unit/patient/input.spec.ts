import { INVALID_ZAHLUNGSREFERENZ, validatePatientInput } from "../../../services/patient/domain/input";

const base = { anrede: "Frau", geschlecht: "weiblich", vorname: "Erika", nachname: "Muster" };
const error = (input: Record<string, unknown>, mode: "create" | "update" = "create") => {
  const r = validatePatientInput(input, mode);
  return r.ok ? null : r.error;
};

describe("patient input validation (domain.md 4.2)", () => {
  it.each([
    [{ anrede: "Dr" }, "Invalid anrede 'Dr'. Valid values: Herr, Frau"],
    [{ geschlecht: "m" }, "Invalid geschlecht 'm'. Valid values: männlich, weiblich, divers, keine_Angabe"],
    [
      { status: "auf der Suche" },
      "Invalid status 'auf der Suche'. Valid values: offen, auf_der_Suche, in_Therapie, Therapie_abgeschlossen, Suche_abgebrochen, Therapie_abgebrochen",
    ],
    [
      { bevorzugtes_therapeutengeschlecht: "weiblich" },
      "Invalid gender preference 'weiblich'. Valid values: Männlich, Weiblich, Egal",
    ],
    [
      { bevorzugtes_therapieverfahren: "Psychoanalyse" },
      "Invalid therapy method 'Psychoanalyse'. Valid values: egal, Verhaltenstherapie, tiefenpsychologisch_fundierte_Psychotherapie",
    ],
    [{ geburtsdatum: "14.03.1987" }, "Invalid date format for geburtsdatum. Use YYYY-MM-DD"],
    [
      { erster_therapieplatz_am: "2025-02-30" },
      "Invalid date format for erster_therapieplatz_am. Use YYYY-MM-DD",
    ],
    [
      { funktionierender_therapieplatz_am: 20250101 },
      "Invalid date format for funktionierender_therapieplatz_am. Use YYYY-MM-DD",
    ],
    [
      { letzte_sitzung_vorherige_psychotherapie: "2024-1-5" },
      "Invalid date format for letzte_sitzung_vorherige_psychotherapie. Use YYYY-MM-DD",
    ],
    [{ symptome: [] }, "At least one symptom is required"],
    [{ symptome: "Mobbing" }, "Symptoms must be provided as an array"],
    [
      {
        symptome: [
          "Mobbing",
          "Zwänge",
          "Einsamkeit",
          "Innere Leere",
          "Selbstzweifel",
          "Trauer / Verlust",
          "Schlafstörungen",
        ],
      },
      "Between 1 and 6 symptoms must be selected",
    ],
    [{ symptome: ["Herzrasen"] }, "Invalid symptom: 'Herzrasen'. Must be from the predefined list"],
  ])("refuses %j with the contract's message", (patch, message) => {
    expect(error({ ...base, ...patch })).toBe(message);
    expect(error(patch, "update")).toBe(message);
  });

  it.each(["anrede", "geschlecht", "vorname", "nachname"])("requires %s on create", (field) => {
    const { [field]: _omit, ...rest } = base as Record<string, unknown>;
    expect(error(rest)).toBe(`Field '${field}' is required`);
    expect(error({ ...base, [field]: "  " })).toBe(`Field '${field}' is required`);
  });

  it("lets an update leave required fields out but not clear them", () => {
    expect(validatePatientInput({ ort: "Aachen" }, "update")).toEqual({ ok: true, value: { ort: "Aachen" } });
    expect(error({ vorname: null }, "update")).toBe("Field 'vorname' is required");
    expect(error({ nachname: "" }, "update")).toBe("Field 'nachname' is required");
  });

  it("drops the automatic fields and unknown keys a client sends", () => {
    const r = validatePatientInput(
      { ...base, startdatum: "2020-01-01", letzter_kontakt: "2020-01-01", latitude: 1, diagnose: "F32.1" },
      "create",
    );
    expect(r).toEqual({ ok: true, value: base });
  });

  it("drops NUL characters, which no text column can hold", () => {
    const r = validatePatientInput({ ...base, vorname: "Er\u0000ika", ort: "\u0000" }, "create");
    expect(r).toEqual({ ok: true, value: { ...base, ort: "" } });
    expect(error({ ...base, nachname: "\u0000" })).toBe("Field 'nachname' is required");
  });

  it("accepts every schedule format and returns the canonical one", () => {
    const r = validatePatientInput(
      {
        ...base,
        zeitliche_verfuegbarkeit: {
          Mo: ["9:00-12:00"],
          monday: [{ start: "14:00", end: "18:00" }],
          "Mi.": "08:00 - 10:00; 16:00-17:00",
          freitag: ["10:00-11:00"],
        },
      },
      "create",
    );
    expect(r.ok && r.value.zeitliche_verfuegbarkeit).toEqual({
      montag: ["09:00-12:00", "14:00-18:00"],
      mittwoch: ["08:00-10:00", "16:00-17:00"],
      freitag: ["10:00-11:00"],
    });
    expect(error({ zeitliche_verfuegbarkeit: { Mo: ["9-12"] } }, "update")).toMatch(
      /^Invalid zeitliche_verfuegbarkeit/,
    );
  });

  it("takes raeumliche_verfuegbarkeit only as {max_km}", () => {
    const ok = validatePatientInput({ raeumliche_verfuegbarkeit: { max_km: 30 } }, "update");
    expect(ok).toEqual({ ok: true, value: { raeumliche_verfuegbarkeit: { max_km: 30 } } });
    expect(error({ raeumliche_verfuegbarkeit: { km: 30 } }, "update")).toMatch(
      /^Invalid raeumliche_verfuegbarkeit/,
    );
  });

  it("accepts a zahlungsreferenz of 8 letters or digits only", () => {
    expect(validatePatientInput({ ...base, zahlungsreferenz: "ab12CD34" }, "create")).toMatchObject({
      ok: true,
      value: { zahlungsreferenz: "ab12CD34" },
    });
    expect(error({ ...base, zahlungsreferenz: "ab12-D34" })).toBe(INVALID_ZAHLUNGSREFERENZ);
    expect(error({ zahlungsreferenz: null }, "update")).toBe(INVALID_ZAHLUNGSREFERENZ);
    expect(validatePatientInput({ ...base, zahlungsreferenz: null }, "create").ok).toBe(true);
  });
});

import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

const base = { anrede: "Frau", geschlecht: "weiblich", vorname: "Erika", nachname: "Muster" };

const INVALID: [Record<string, unknown>, string][] = [
  [{ anrede: "Dr" }, "Invalid anrede 'Dr'. Valid values: Herr, Frau"],
  [{ geschlecht: "m" }, "Invalid geschlecht 'm'. Valid values: männlich, weiblich, divers, keine_Angabe"],
  [
    { status: "OPEN" },
    "Invalid status 'OPEN'. Valid values: offen, auf_der_Suche, in_Therapie, Therapie_abgeschlossen, Suche_abgebrochen, Therapie_abgebrochen",
  ],
  [
    { bevorzugtes_therapeutengeschlecht: "Frau" },
    "Invalid gender preference 'Frau'. Valid values: Männlich, Weiblich, Egal",
  ],
  [
    { bevorzugtes_therapieverfahren: "Psychoanalyse" },
    "Invalid therapy method 'Psychoanalyse'. Valid values: egal, Verhaltenstherapie, tiefenpsychologisch_fundierte_Psychotherapie",
  ],
  [{ geburtsdatum: "01.02.1990" }, "Invalid date format for geburtsdatum. Use YYYY-MM-DD"],
  [
    { erster_therapieplatz_am: "2024-13-01" },
    "Invalid date format for erster_therapieplatz_am. Use YYYY-MM-DD",
  ],
  [
    { funktionierender_therapieplatz_am: "x" },
    "Invalid date format for funktionierender_therapieplatz_am. Use YYYY-MM-DD",
  ],
  [
    { letzte_sitzung_vorherige_psychotherapie: "2024-2-1" },
    "Invalid date format for letzte_sitzung_vorherige_psychotherapie. Use YYYY-MM-DD",
  ],
  [{ symptome: [] }, "At least one symptom is required"],
  [{ symptome: "Schlafstörungen" }, "Symptoms must be provided as an array"],
  [
    {
      symptome: [
        "Schlafstörungen",
        "Mobbing",
        "Zwänge",
        "Einsamkeit",
        "Innere Leere",
        "Selbstzweifel",
        "Trauer / Verlust",
      ],
    },
    "Between 1 and 6 symptoms must be selected",
  ],
  [{ symptome: ["Herzrasen"] }, "Invalid symptom: 'Herzrasen'. Must be from the predefined list"],
];

describe("patient validation through the API (domain.md 4.2)", () => {
  let api: TestApi;
  let db: Client;
  const rawRow = async (id: number) =>
    (await db.query("SELECT * FROM patient_service.patienten WHERE id = $1", [id])).rows[0];
  const count = async () =>
    Number((await db.query("SELECT count(*) FROM patient_service.patienten")).rows[0].count);

  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
  });

  it.each(INVALID)(
    "refuses POST %j with the contract's message, names the field for the form, and stores nothing",
    async (patch, message) => {
      const before = await count();
      const r = await api.staff("POST", "/api/patients", { ...base, ...patch });
      const field = Object.keys(patch)[0];
      expect([r.status, r.body]).toEqual([400, { message, type: "VALIDATION_ERROR", field }]);
      expect(await count()).toBe(before);
    },
  );

  it("names a missing required field", async () => {
    for (const field of ["anrede", "geschlecht", "vorname", "nachname"]) {
      const { [field]: _omit, ...rest } = base as Record<string, unknown>;
      const r = await api.staff("POST", "/api/patients", rest);
      expect([r.status, r.body.message, r.body.field]).toEqual([400, `Field '${field}' is required`, field]);
    }
  });

  it("validates PUT like POST and leaves the record unchanged on error", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", { ...base, telefon: "0241 1" });
    const stored = await rawRow(p.id);
    for (const [patch, message] of [...INVALID, [{ vorname: "" }, "Field 'vorname' is required"] as const]) {
      const r = await api.staff("PUT", `/api/patients/${p.id}`, { nachname: "Geändert", ...patch });
      expect([r.status, r.body.message]).toEqual([400, message]);
    }
    expect(await rawRow(p.id)).toEqual(stored);
  });
});

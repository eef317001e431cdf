import type { TestApi } from "./api";

let n = 0;

/** A patient who passes every check of domain.md 3.3 (override any field). */
export async function createReadyPatient(api: TestApi, over: Record<string, unknown> = {}) {
  n++;
  const r = await api.staff("POST", "/api/patients", {
    anrede: "Frau",
    geschlecht: "weiblich",
    vorname: `Pat${n}`,
    nachname: `Test${n}`,
    email: `p${n}@example.org`,
    plz: "52062",
    ort: "Aachen",
    geburtsdatum: "1990-05-05",
    krankenkasse: "AOK",
    symptome: ["Schlafstörungen"],
    erfahrung_mit_psychotherapie: false,
    offen_fuer_gruppentherapie: true,
    zeitliche_verfuegbarkeit: {
      montag: ["08:00-18:00"],
      dienstag: ["08:00-18:00"],
      mittwoch: ["08:00-12:00"],
    },
    vertraege_unterschrieben: true,
    zahlung_eingegangen: true,
    ...over,
  });
  if (r.status !== 201) throw new Error(`patient: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function createSearch(api: TestApi, patientId: number) {
  const r = await api.staff("POST", "/api/platzsuchen", { patient_id: patientId });
  if (r.status !== 201) throw new Error(`search: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function createTherapist(api: TestApi, over: Record<string, unknown> = {}) {
  n++;
  const r = await api.staff("POST", "/api/therapists", {
    anrede: "Herr",
    geschlecht: "männlich",
    vorname: `Thera${n}`,
    nachname: `Peut${n}`,
    plz: "52064",
    ort: "Aachen",
    email: `t${n}@praxis.example`,
    ...over,
  });
  if (r.status !== 201) throw new Error(`therapist: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const ALL_GROUPS = ["patient", "therapist", "matching", "communication", "geocoding"];

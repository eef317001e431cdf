import { startApi, type TestApi } from "../../helpers/api";
import { createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";
import { PATIENT_NULLS, PATIENT_REQUIRED, PATIENT_RULES } from "../../../services/patient/domain/fields";
import {
  THERAPIST_NULLS,
  THERAPIST_REQUIRED,
  THERAPIST_RULES,
} from "../../../services/therapist/domain/fields";

/** issue 12.9: PUT with null clears an optional field (patients, therapists, searches). */
describe("clearing fields with null", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient", "therapist", "matching"] });
  }, 120_000);
  afterAll(() => api.stop());

  const optional = (rules: object, required: readonly string[]) =>
    Object.keys(rules).filter((f) => !required.includes(f) && f !== "status");

  it("clears every optional patient field, and refuses to clear the status", async () => {
    const p = await createReadyPatient(api, {
      strasse: "Hauptstr. 1",
      telefon: "0241 123",
      hausarzt: "Dr. Haus",
      krankenversicherungsnummer: "A123456789",
      empfehler_der_unterstuetzung: "Hausarzt",
      verkehrsmittel: "Auto",
      raeumliche_verfuegbarkeit: { max_km: 30 },
      bevorzugtes_therapieverfahren: "Verhaltenstherapie",
      bevorzugtes_therapeutengeschlecht: "Weiblich",
      ausgeschlossene_therapeuten: [5],
      offen_fuer_diga: true,
    });
    const fields = optional(PATIENT_RULES, PATIENT_REQUIRED);
    const r = await api.staff(
      "PUT",
      `/api/patients/${p.id}`,
      Object.fromEntries(fields.map((f) => [f, null])),
    );
    expect(r.status).toBe(200);
    const got = (await api.staff("GET", `/api/patients/${p.id}`)).body;
    for (const f of fields) {
      const expected = f in PATIENT_NULLS.empty ? PATIENT_NULLS.empty[f] : f === "symptome" ? [] : null;
      expect({ [f]: got[f] }).toEqual({ [f]: expected });
    }
    const status = await api.staff("PUT", `/api/patients/${p.id}`, { status: null });
    expect(status.status).toBe(400);
    expect(status.body.message).toBe("Field 'status' cannot be cleared");
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body.status).toBe(got.status);
  });

  it("clears every optional therapist field, and refuses to clear the status", async () => {
    const t = await createTherapist(api, {
      titel: "Dr.",
      strasse: "Praxisweg 2",
      telefon: "0241 999",
      fax: "0241 998",
      webseite: "https://praxis.example",
      kassensitz: false,
      telefonische_erreichbarkeit: { montag: ["08:00-09:00"] },
      fremdsprachen: ["Englisch"],
      psychotherapieverfahren: "Verhaltenstherapie",
      zusatzqualifikationen: "EMDR",
      potenziell_verfuegbar: true,
      potenziell_verfuegbar_notizen: "ab März",
      naechster_kontakt_moeglich: "2030-01-01",
      bevorzugte_diagnosen: ["F32"],
      alter_min: 18,
      alter_max: 60,
      geschlechtspraeferenz: "Weiblich",
      arbeitszeiten: { dienstag: ["09:00-17:00"] },
      bevorzugt_gruppentherapie: true,
    });
    const fields = optional(THERAPIST_RULES, THERAPIST_REQUIRED);
    const r = await api.staff(
      "PUT",
      `/api/therapists/${t.id}`,
      Object.fromEntries(fields.map((f) => [f, null])),
    );
    expect(r.status).toBe(200);
    const got = (await api.staff("GET", `/api/therapists/${t.id}`)).body;
    for (const f of fields) {
      const expected = f in THERAPIST_NULLS.empty ? THERAPIST_NULLS.empty[f] : null;
      expect({ [f]: got[f] }).toEqual({ [f]: expected });
    }
    const status = await api.staff("PUT", `/api/therapists/${t.id}`, { status: null });
    expect(status.status).toBe(400);
    expect(status.body.message).toBe("Field 'status' cannot be cleared");
  });

  it("clears a search's notes, exclusion list and placement", async () => {
    const t = await createTherapist(api);
    const s = await createSearch(api, (await createReadyPatient(api)).id);
    const set = await api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      notizen: "Bitte nur vormittags",
      ausgeschlossene_therapeuten: [t.id],
      vermittelter_therapeut_id: t.id,
    });
    expect(set.status).toBe(200);
    const before = (await api.staff("GET", `/api/platzsuchen/${s.id}`)).body;
    expect(before.notizen).toContain("Bitte nur vormittags");
    expect(before.vermittelter_therapeut_id).toBe(t.id);

    const r = await api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      notizen: null,
      ausgeschlossene_therapeuten: null,
      vermittelter_therapeut_id: null,
    });
    expect(r.status).toBe(200);
    const got = (await api.staff("GET", `/api/platzsuchen/${s.id}`)).body;
    expect(got.notizen).toBeNull();
    expect(got.ausgeschlossene_therapeuten).toEqual([]);
    expect(got.vermittelter_therapeut_id).toBeNull();
    const status = await api.staff("PUT", `/api/platzsuchen/${s.id}`, { status: null });
    expect(status.status).toBe(400);
    expect(status.body.message).toBe("Field 'status' cannot be cleared");
  });
});

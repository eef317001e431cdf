import { startApi, type TestApi } from "../../helpers/api";
import { addDays, dateInZone } from "../../../services/shared/dates";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";

const create = (api: TestApi, therapist_id: number, extra: object = {}) =>
  api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
    therapist_id,
    plz_prefix: "52",
    ...extra,
  });

describe("inquiries: selection, creation, sending, answers (domain.md 3.4-3.9)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api);
  });
  afterAll(() => api.stop());

  it("validates the PLZ prefix and the therapist", async () => {
    expect((await api.staff("GET", "/api/therapeuten-zur-auswahl?plz_prefix=5")).body.message).toBe(
      "Invalid PLZ prefix. Must be exactly 2 digits.",
    );
    const r = await create(api, 999999);
    expect(r.status).toBe(404);
    expect((await create(api, 1, { plz_prefix: "520" })).body.message).toBe(
      "Invalid PLZ prefix. Must be exactly 2 digits.",
    );
  });

  it("puts 6 of 8 eligible searches into an inquiry, longest waiting first, and reports patients without location", async () => {
    const t = await createTherapist(api, { plz: "52068" });
    const searches = [];
    for (let i = 0; i < 8; i++)
      searches.push(await createSearch(api, (await createReadyPatient(api, { plz: "52066" })).id));
    const nowhere = await createReadyPatient(api, { plz: "52999", ort: "Nirgendwo" });
    await createSearch(api, nowhere.id);
    const r = await create(api, t.id);
    expect(r.status).toBe(201);
    expect(r.body.anfragegroesse).toBe(6);
    expect(r.body.message).toBe("Created anfrage with 6 patients");
    const expected = searches.slice(0, 6).map((s) => s.patient_id);
    // earlier tests' searches may also be eligible; ours keep their relative order
    expect(r.body.patient_ids.filter((id: number) => expected.includes(id))).toEqual(
      expected.filter((id) => r.body.patient_ids.includes(id)),
    );
    expect(r.body.ausgelassen.ohne_koordinaten).toBeGreaterThanOrEqual(1);
    const detail = await api.staff("GET", `/api/therapeutenanfragen/${r.body.anfrage_id}`);
    expect(detail.body.patients.map((p: any) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(detail.body.tage_seit_versand).toBeNull();
    expect(detail.body.patients[0].patient).not.toHaveProperty("diagnose");
    // pending: a second inquiry is refused unless overridden with a reason
    const again = await create(api, t.id);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe("THERAPIST_PENDING");
    expect((await create(api, t.id, { override_cooling: true })).status).toBe(400);
  });

  it("applies every hard constraint of the therapist's and the patients' preferences", async () => {
    const t = await createTherapist(api, {
      plz: "80331",
      alter_min: 30,
      alter_max: 40,
      geschlechtspraeferenz: "Weiblich",
      bevorzugt_gruppentherapie: true,
      psychotherapieverfahren: "Verhaltenstherapie",
    });
    const here = { plz: "80333", ort: "München" };
    const tooYoung = await createReadyPatient(api, { ...here, geburtsdatum: "2005-01-01" });
    const male = await createReadyPatient(api, { ...here, geschlecht: "männlich", anrede: "Herr" });
    const noGroup = await createReadyPatient(api, { ...here, offen_fuer_gruppentherapie: false });
    const wantsTP = await createReadyPatient(api, {
      bevorzugtes_therapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
    });
    const wantsFemale = await createReadyPatient(api, {
      ...here,
      bevorzugtes_therapeutengeschlecht: "Weiblich",
    });
    const far = await createReadyPatient(api, {
      plz: "80939",
      ort: "München",
      raeumliche_verfuegbarkeit: { max_km: 2 },
    });
    const fits = await createReadyPatient(api, { ...here, geburtsdatum: "1990-01-01" });
    for (const p of [tooYoung, male, noGroup, wantsTP, wantsFemale, far, fits]) await createSearch(api, p.id);
    const r = await create(api, t.id, { plz_prefix: "80" });
    const ids = r.body.patient_ids as number[];
    expect(ids).toContain(fits.id);
    for (const p of [tooYoung, male, noGroup, wantsTP, wantsFemale, far]) expect(ids).not.toContain(p.id);
  });

  it("sends by e-mail, records the answer, starts cooling and hides the therapist from the selection", async () => {
    const t = await createTherapist(api, { plz: "01067", ort: "Dresden", potenziell_verfuegbar: true });
    const p1 = await createReadyPatient(api, { plz: "01069", ort: "Dresden" });
    const p2 = await createReadyPatient(api, { plz: "01069", ort: "Dresden" });
    const s1 = await createSearch(api, p1.id);
    await createSearch(api, p2.id);
    const before = await api.staff("GET", "/api/therapeuten-zur-auswahl?plz_prefix=01");
    expect(before.body.data.map((x: any) => x.id)).toContain(t.id);
    const { body: a } = await create(api, t.id, { sofort_senden: true, plz_prefix: "01" });
    expect(a.gesendet).toBe(true);
    const sel = await api.staff("GET", "/api/therapeuten-zur-auswahl?plz_prefix=01");
    expect(sel.body.data.map((x: any) => x.id)).not.toContain(t.id);
    const detail = await api.staff("GET", `/api/therapeutenanfragen/${a.anfrage_id}`);
    expect(detail.body.email_id).toEqual(expect.any(Number));
    const email = await api.staff("GET", `/api/emails/${detail.body.email_id}`);
    expect(email.body.betreff).toBe(`Suche Psychotherapieplätze - Ref: A${a.anfrage_id}`);
    // The queue may be sending it right now.
    expect(["In_Warteschlange", "Wird_gesendet", "Gesendet"]).toContain(email.body.status);
    expect(email.body.inhalt_text).toContain(`Patienten-ID ${p1.id}`);
    expect(email.body.inhalt_text).not.toContain(p1.nachname);
    expect((await api.staff("POST", `/api/therapeutenanfragen/${a.anfrage_id}/senden`)).body.message).toBe(
      "Anfrage already sent",
    );

    const ids = detail.body.patients.map((x: any) => x.patient_id);
    const responses = Object.fromEntries(ids.map((id: number) => [id, "abgelehnt_Kapazitaet"]));
    const missing = await api.staff("PUT", `/api/therapeutenanfragen/${a.anfrage_id}/antwort`, {
      patient_responses: { [ids[0]]: "angenommen" },
    });
    expect(missing.body).toMatchObject({
      message: "Missing responses for some patients",
      missing_patient_ids: ids.slice(1),
    });
    const invalid = await api.staff("PUT", `/api/therapeutenanfragen/${a.anfrage_id}/antwort`, {
      patient_responses: { ...responses, [ids[0]]: "vielleicht" },
    });
    expect(invalid.body.message).toBe(`Invalid patient response: ${ids[0]} -> vielleicht`);
    const extra = await api.staff("PUT", `/api/therapeutenanfragen/${a.anfrage_id}/antwort`, {
      patient_responses: { ...responses, 999999: "angenommen" },
    });
    expect(extra.body).toMatchObject({
      message: "Responses provided for patients not in anfrage",
      extra_patient_ids: [999999],
    });

    responses[p1.id] = "angenommen";
    if (ids.includes(p2.id)) responses[p2.id] = "abgelehnt_nicht_geeignet";
    const r = await api.staff("PUT", `/api/therapeutenanfragen/${a.anfrage_id}/antwort`, {
      patient_responses: responses,
      notizen: "Telefonisch",
    });
    expect(r.status).toBe(200);
    expect(r.body.response_type).toBe("teilweise_Annahme");
    expect(r.body.angenommene_patienten).toContainEqual({ patient_id: p1.id, platzsuche_id: s1.id });
    expect(r.body.antwort_zusammenfassung.accepted + r.body.antwort_zusammenfassung.rejected).toBe(
      ids.length,
    );
    const search = await api.staff("GET", `/api/platzsuchen/${s1.id}`);
    expect(search.body.vermittelter_therapeut_id).toBe(t.id);
    const therapist = await api.staff("GET", `/api/therapists/${t.id}`);
    // Cooling counts from the operator's day (Europe/Berlin), which differs from UTC around midnight.
    const expectedCooling = addDays(dateInZone(new Date()), 28);
    expect(therapist.body.naechster_kontakt_moeglich).toBe(expectedCooling);
    if (ids.includes(p2.id)) {
      const s2 = (await api.staff("GET", `/api/platzsuchen?patient_id=${p2.id}`)).body.data[0];
      const ex = (await api.staff("GET", `/api/platzsuchen/${s2.id}`)).body.ausgeschlossene_therapeuten;
      expect(ex).toContainEqual(
        expect.objectContaining({ id: t.id, reason: "Rejected: abgelehnt_nicht_geeignet" }),
      );
    }
    const cooling = await create(api, t.id, { plz_prefix: "01" });
    expect(cooling.status).toBe(409);
    expect(cooling.body.type).toBe("THERAPIST_COOLING");
    const replay = await api.staff("PUT", `/api/therapeutenanfragen/${a.anfrage_id}/antwort`, {
      patient_responses: responses,
    });
    expect(replay.status).toBe(409);
  });

  it("gives a patient accepted by 50 therapists at once to exactly one and records 49 conflicts", async () => {
    const p = await createReadyPatient(api, { plz: "20095", ort: "Hamburg" });
    const s = await createSearch(api, p.id);
    const inquiries: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = await createTherapist(api, { plz: "20097", ort: "Hamburg" });
      const r = await create(api, t.id, { sofort_senden: true, plz_prefix: "20" });
      expect(r.body.patient_ids).toContain(p.id);
      inquiries.push(r.body.anfrage_id);
    }
    const results = await Promise.all(
      inquiries.map(async (id) => {
        const d = await api.staff("GET", `/api/therapeutenanfragen/${id}`);
        const resp = Object.fromEntries(
          d.body.patients.map((x: any) => [
            x.patient_id,
            x.patient_id === p.id ? "angenommen" : "abgelehnt_Kapazitaet",
          ]),
        );
        return api.staff("PUT", `/api/therapeutenanfragen/${id}/antwort`, { patient_responses: resp });
      }),
    );
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const placed = results.filter((r) =>
      r.body.vermittelte_patienten.some((x: any) => x.patient_id === p.id),
    );
    const conflicts = results.filter((r) => r.body.konflikte.some((x: any) => x.patient_id === p.id));
    expect(placed).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const search = await api.staff("GET", `/api/platzsuchen/${s.id}`);
    expect(search.body.vermittelter_therapeut_id).toBe(
      placed[0].body.vermittelte_patienten &&
        (await api.staff("GET", `/api/therapeutenanfragen/${placed[0].body.anfrage_id}`)).body.therapist_id,
    );
  }, 120_000);

  it("resolves two truly parallel acceptances of one patient to one placement and one conflict, 50 times over", async () => {
    for (let round = 0; round < 50; round++) {
      const p = await createReadyPatient(api, { plz: "30159", ort: "Hannover" });
      const s = await createSearch(api, p.id);
      const ids: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t = await createTherapist(api, { plz: "30161", ort: "Hannover" });
        const r = await create(api, t.id, { sofort_senden: true, plz_prefix: "30" });
        ids.push(r.body.anfrage_id);
      }
      const answers = await Promise.all(
        ids.map(async (id) => {
          const d = await api.staff("GET", `/api/therapeutenanfragen/${id}`);
          const resp = Object.fromEntries(d.body.patients.map((x: any) => [x.patient_id, "angenommen"]));
          return api.staff("PUT", `/api/therapeutenanfragen/${id}/antwort`, { patient_responses: resp });
        }),
      );
      const placed = answers.filter((r) =>
        r.body.vermittelte_patienten?.some((x: any) => x.patient_id === p.id),
      );
      const conflicts = answers.filter((r) => r.body.konflikte?.some((x: any) => x.patient_id === p.id));
      expect([placed.length, conflicts.length]).toEqual([1, 1]);
      // close the round so the next patient is the only one waiting in this region
      await api.staff("PUT", `/api/platzsuchen/${s.id}`, { status: "abgebrochen" });
    }
  }, 180_000);

  it("withdraws a placed patient from other unsent inquiries, cancelling one left empty", async () => {
    const p = await createReadyPatient(api, {
      plz: "70173",
      bevorzugtes_therapieverfahren: "Verhaltenstherapie",
    });
    await createSearch(api, p.id);
    const winner = await createTherapist(api, {
      plz: "70173",
      psychotherapieverfahren: "Verhaltenstherapie",
      alter_min: 1,
      alter_max: 120,
    });
    const other = await createTherapist(api, {
      plz: "70173",
      psychotherapieverfahren: "Verhaltenstherapie",
      geschlechtspraeferenz: "Weiblich",
      alter_min: 35,
      alter_max: 37,
    });
    const sent = await create(api, winner.id, { sofort_senden: true, plz_prefix: "70" });
    const unsent = await create(api, other.id, { plz_prefix: "70" });
    expect(unsent.body).toMatchObject({ patient_ids: [p.id] });
    const d = await api.staff("GET", `/api/therapeutenanfragen/${sent.body.anfrage_id}`);
    const resp = Object.fromEntries(
      d.body.patients.map((x: any) => [
        x.patient_id,
        x.patient_id === p.id ? "angenommen" : "abgelehnt_sonstiges",
      ]),
    );
    await api.staff("PUT", `/api/therapeutenanfragen/${sent.body.anfrage_id}/antwort`, {
      patient_responses: resp,
    });
    const after = await api.staff("GET", `/api/therapeutenanfragen/${unsent.body.anfrage_id}`);
    expect(after.body.patients).toEqual([]);
    expect(after.body.abgebrochen_am).toBeTruthy();
  });

  it("lists inquiries with derived fields, filters and their messages", async () => {
    const r = await api.staff("GET", "/api/therapeutenanfragen?versand_status=gesendet");
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual(
      expect.objectContaining({ total_anfragen: expect.any(Number), needing_follow_up: 0 }),
    );
    expect(r.body.data[0]).toEqual(
      expect.objectContaining({
        tage_seit_versand: 0,
        nachverfolgung_erforderlich: false,
        antwort_vollstaendig: expect.any(Boolean),
      }),
    );
    expect((await api.staff("GET", "/api/therapeutenanfragen?versand_status=x")).body.message).toBe(
      "Invalid versand_status. Use 'gesendet' or 'ungesendet'",
    );
    expect((await api.staff("GET", "/api/therapeutenanfragen?antwort_status=x")).body.message).toBe(
      "Invalid antwort_status. Use 'beantwortet' or 'ausstehend'",
    );
    expect((await api.staff("GET", "/api/therapeutenanfragen/999999")).body.message).toBe(
      "Anfrage 999999 not found",
    );
  });
});

import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch } from "../../helpers/factories";

describe("Platzsuchen (domain.md 3.3, 3.16, 4.4)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS });
    await loadCentroids(api, ["52062", "52064", "52066"]);
  }, 120_000);
  afterAll(() => api.stop());

  it.each([
    [
      { krankenkasse: null },
      "Cannot create platzsuche: Patient field 'krankenkasse' is required and cannot be empty",
    ],
    [
      { symptome: null, geburtsdatum: null },
      "Cannot create platzsuche: Patient field 'symptome' is required and cannot be empty",
    ],
    [
      { erfahrung_mit_psychotherapie: null },
      "Cannot create platzsuche: Patient field 'erfahrung_mit_psychotherapie' must be explicitly set (true/false)",
    ],
    [
      { zeitliche_verfuegbarkeit: {} },
      "Cannot create platzsuche: Patient must have 'zeitliche_verfuegbarkeit' with at least one day/time",
    ],
    [
      { zeitliche_verfuegbarkeit: { montag: [] } },
      "Cannot create platzsuche: Patient must have at least one valid time slot in 'zeitliche_verfuegbarkeit'",
    ],
    [
      { erfahrung_mit_psychotherapie: true },
      "Cannot create platzsuche: Field 'letzte_sitzung_vorherige_psychotherapie' is required when 'erfahrung_mit_psychotherapie' is true",
    ],
  ])("refuses an incomplete patient %j in the documented order", async (over, message) => {
    const p = await createReadyPatient(api, over);
    const r = await api.staff("POST", "/api/platzsuchen", { patient_id: p.id });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ message, patient_id: p.id });
  });

  it("creates one active search per patient and names the existing one", async () => {
    const p = await createReadyPatient(api);
    const r = await api.staff("POST", "/api/platzsuchen", { patient_id: p.id, notizen: "Dringend" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      patient_id: p.id,
      status: "aktiv",
      message: "Patient search created successfully",
    });
    const dup = await api.staff("POST", "/api/platzsuchen", { patient_id: p.id });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({
      message: "Patient already has an active search",
      type: "SEARCH_ALREADY_ACTIVE",
      search_id: r.body.id,
    });
    expect((await api.staff("POST", "/api/platzsuchen", { patient_id: 999999 })).body.message).toBe(
      "Patient 999999 not found",
    );
    const detail = await api.staff("GET", `/api/platzsuchen/${r.body.id}`);
    // Signed by the user who started the search (issue 13), like every later note.
    expect(detail.body.notizen).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(staff@test.local\)\] Dringend$/);
    expect(detail.body.patient.id).toBe(p.id);
    expect(detail.body.gesamt_angeforderte_kontakte).toBe(10);
  });

  it("allows only the documented status transitions, with 400 otherwise", async () => {
    const p = await createReadyPatient(api);
    const s = await createSearch(api, p.id);
    const put = (body: object) => api.staff("PUT", `/api/platzsuchen/${s.id}`, body);
    expect((await put({ status: "erfolgreich" })).body.message).toBe(
      "Cannot mark as erfolgreich without vermittelter_therapeut_id",
    );
    expect((await put({ status: "fertig" })).body.message).toBe(
      "Invalid status 'fertig'. Valid values: aktiv, erfolgreich, pausiert, abgebrochen",
    );
    expect((await put({ status: "pausiert" })).status).toBe(200);
    const bad = await put({ status: "erfolgreich" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid status transition from 'pausiert' to 'erfolgreich'");
    expect((await put({ status: "aktiv", ausgeschlossene_therapeuten: [3, "x"] })).body.message).toBe(
      "Invalid therapist IDs in exclusion list",
    );
    expect((await put({ status: "aktiv", ausgeschlossene_therapeuten: [3, 4] })).status).toBe(200);
    expect((await put({ status: "abgebrochen" })).status).toBe(200);
    expect((await put({ status: "aktiv" })).body.message).toBe(
      "Invalid status transition from 'abgebrochen' to 'aktiv'",
    );
  });

  it("locks the placed therapist after success and sets the patient in therapy", async () => {
    const p = await createReadyPatient(api);
    const s = await createSearch(api, p.id);
    const ok = await api.staff("PUT", `/api/platzsuchen/${s.id}`, {
      vermittelter_therapeut_id: 7,
      status: "erfolgreich",
    });
    expect(ok.body).toEqual({ message: "Patient search updated successfully", id: s.id });
    const change = await api.staff("PUT", `/api/platzsuchen/${s.id}`, { vermittelter_therapeut_id: 8 });
    expect(change.body.message).toBe("Cannot change vermittelter_therapeut_id after successful placement");
    const detail = await api.staff("GET", `/api/platzsuchen/${s.id}`);
    expect(detail.body.erfolgreiche_vermittlung_datum).toBeTruthy();
    expect(detail.body.patient.status).toBe("in_Therapie");
    // therapist 7 does not exist: the success e-mail fails and is noted, the status change stands
    expect(detail.body.notizen).toMatch(/Erfolgs-E-Mail nicht möglich/);
  });

  it("adds contacts to the budget with the messages of 3.16", async () => {
    const p = await createReadyPatient(api);
    const s = await createSearch(api, p.id);
    const k = (body: object) => api.staff("POST", `/api/platzsuchen/${s.id}/kontaktanfrage`, body);
    expect((await k({ requested_count: 0 })).body.message).toBe("Requested count must be positive");
    expect((await k({ requested_count: 101 })).body.message).toBe("Requested count too high (max: 100)");
    const r = await k({ requested_count: 25, notizen: "Telefonat" });
    expect(r.body).toEqual({
      message: "Requested 25 additional contacts",
      previous_total: 10,
      new_total: 35,
      search_id: s.id,
    });
    const v2 = await api.staff("POST", `/api/v2/patient-searches/${s.id}/contact-requests`, {
      requested_count: 5,
    });
    expect(v2.body.new_total).toBe(40);
    await api.staff("PUT", `/api/platzsuchen/${s.id}`, { status: "pausiert" });
    expect((await k({ requested_count: 5 })).body.message).toBe(
      "Can only request contacts for active searches. Current status: pausiert",
    );
  });

  it("lists newest first with filters and rejects an unknown status filter", async () => {
    const r = await api.staff("GET", "/api/platzsuchen?status=aktiv");
    expect(r.status).toBe(200);
    const dates = r.body.data.map((x: any) => x.created_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(r.body.data[0]).toHaveProperty("patienten_name");
    expect((await api.staff("GET", "/api/platzsuchen?status=offen")).body.message).toBe(
      "Invalid status 'offen'. Valid values: aktiv, erfolgreich, pausiert, abgebrochen",
    );
  });

  it("keeps a search anonymously when its patient is deleted, and refuses while it is active", async () => {
    const p = await createReadyPatient(api);
    const s = await createSearch(api, p.id);
    expect((await api.staff("DELETE", `/api/patients/${p.id}`)).status).toBe(400);
    await api.staff("PUT", `/api/platzsuchen/${s.id}`, { status: "pausiert" });
    expect((await api.staff("DELETE", `/api/patients/${p.id}`)).body).toEqual({
      message: "Patient deleted successfully",
    });
    const detail = await api.staff("GET", `/api/platzsuchen/${s.id}`);
    expect(detail.body).toMatchObject({ status: "pausiert", patient_id: 0, notizen: null });
  });
});

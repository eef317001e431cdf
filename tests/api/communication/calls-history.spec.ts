import { holidayCheckerForPlz } from "../../../services/communication/domain/holidays";
import { addDays, daysBetween } from "../../../services/shared/dates";
import { weekdayOfDate } from "../../../services/shared/schedule";
import { createReadyPatient, createTherapist } from "../../helpers/factories";
import { startPlatform, waitFor, type Platform } from "./harness";

const todayBerlin = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/** Phone calls API (domain.md 4.5) and the communication history of a person (4.2/4.3). */
describe("phone calls and communication history", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p.stop());

  it("validates calls with the contract's messages and writes nothing on error", async () => {
    const before = (await p.api.staff("GET", "/api/phone-calls")).body.total;
    const cases: [Record<string, unknown>, string][] = [
      [{}, "Either therapist_id or patient_id is required"],
      [{ therapist_id: 1, patient_id: 2 }, "Cannot specify both therapist_id and patient_id"],
      [
        { patient_id: 1, status: "vielleicht" },
        "Invalid status 'vielleicht'. Valid values: geplant, abgeschlossen, fehlgeschlagen, abgebrochen",
      ],
      [
        { patient_id: 1, geplantes_datum: "24.11.2026" },
        "Invalid date format for geplantes_datum. Use YYYY-MM-DD",
      ],
      [{ patient_id: 1, geplante_zeit: "8 Uhr" }, "Invalid time format for geplante_zeit. Use HH:MM"],
    ];
    for (const [body, message] of cases) {
      const r = await p.api.staff("POST", "/api/phone-calls", body);
      expect([r.status, r.body.message]).toEqual([400, message]);
    }
    expect((await p.api.staff("POST", "/api/phone-calls", { patient_id: 999999 })).body.message).toBe(
      "Patient not found",
    );
    expect((await p.api.staff("POST", "/api/phone-calls", { therapist_id: 999999 })).body.message).toBe(
      "Therapist not found",
    );
    expect((await p.api.staff("GET", "/api/phone-calls")).body.total).toBe(before);
    const missing = await p.api.staff("GET", "/api/phone-calls/999999");
    expect([missing.status, missing.body.message]).toEqual([404, "Phone call not found"]);
  });

  it("plans patient calls tomorrow at 10:00 for 10 minutes and records a completed call as contact", async () => {
    const patient = await createReadyPatient(p.api);
    const r = await p.api.staff("POST", "/api/phone-calls", {
      patient_id: patient.id,
      notizen: "Rückfrage zur Verfügbarkeit",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      patient_id: patient.id,
      therapist_id: null,
      recipient_type: "patient",
      geplantes_datum: addDays(todayBerlin(), 1),
      geplante_zeit: "10:00",
      dauer_minuten: 10,
      status: "geplant",
      notizen: "Rückfrage zur Verfügbarkeit",
    });
    const [row] = await p.sql("SELECT notizen FROM communication_service.telefonanrufe WHERE id = $1", [
      r.body.id,
    ]);
    expect(row.notizen).toMatch(/^enc:v2:/);
    const bad = await p.api.staff("PUT", `/api/phone-calls/${r.body.id}`, { status: "erledigt" });
    expect(bad.status).toBe(400);
    const done = await p.api.staff("PUT", `/api/phone-calls/${r.body.id}`, {
      status: "abgeschlossen",
      tatsaechliches_datum: "2026-11-20",
      tatsaechliche_zeit: "10:04",
      ergebnis: "Erreicht, alles klar",
    });
    expect(done.body).toMatchObject({ status: "abgeschlossen", ergebnis: "Erreicht, alles klar" });
    await waitFor(
      async () =>
        (await p.api.staff("GET", `/api/patients/${patient.id}`)).body.letzter_kontakt === "2026-11-20",
    );
  });

  it("looks up to CALL_PLANNING_HORIZON_DAYS ahead: ten minutes a week, three weeks booked, a slot in week 4", async () => {
    // Tuesday 08:00-08:10 holds two 5-minute calls a week; the practice lies in Saxony (its holidays count).
    const t = await createTherapist(p.api, {
      email: null,
      plz: "01067",
      ort: "Dresden",
      telefonische_erreichbarkeit: { dienstag: ["08:00-08:10"] },
    });
    const isHoliday = holidayCheckerForPlz("01067");
    const tuesdays: string[] = [];
    for (let d = addDays(todayBerlin(), 1); tuesdays.length < 12; d = addDays(d, 1))
      if (weekdayOfDate(d) === "dienstag" && !isHoliday(d)) tuesdays.push(d);
    for (const date of tuesdays.slice(0, 3))
      for (const time of ["08:00", "08:05"]) {
        const b = await p.api.staff("POST", "/api/phone-calls", {
          therapist_id: t.id,
          geplantes_datum: date,
          geplante_zeit: time,
        });
        expect(b.status).toBe(201);
      }
    const planned = await p.api.staff("POST", "/api/phone-calls", { therapist_id: t.id });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ geplantes_datum: tuesdays[3], geplante_zeit: "08:00" });
    // The answer says how far out the slot is.
    expect(planned.body.tage_bis_anruf).toBe(daysBetween(todayBerlin(), tuesdays[3]));
    expect(planned.body.tage_bis_anruf).toBeGreaterThan(14);
    expect((await p.api.staff("GET", `/api/phone-calls/${planned.body.id}`)).body.tage_bis_anruf).toBe(
      planned.body.tage_bis_anruf,
    );
  });

  it("records a completed therapist call as the therapist's last phone contact", async () => {
    const t = await createTherapist(p.api, { email: null });
    const call = await p.api.staff("POST", "/api/phone-calls", {
      therapist_id: t.id,
      geplantes_datum: "2026-12-01",
      geplante_zeit: "09:30",
    });
    expect(call.body).toMatchObject({
      geplantes_datum: "2026-12-01",
      geplante_zeit: "09:30",
      dauer_minuten: 5,
    });
    await p.api.staff("PUT", `/api/phone-calls/${call.body.id}`, { status: "abgeschlossen" });
    expect((await p.api.staff("GET", `/api/therapists/${t.id}`)).body.letzter_kontakt_telefon).toBe(
      todayBerlin(),
    );
    const del = await p.api.staff("DELETE", `/api/phone-calls/${call.body.id}`);
    expect(del.body.message).toBe("Phone call deleted successfully");
    expect((await p.api.staff("GET", `/api/phone-calls/${call.body.id}`)).status).toBe(404);
  });

  it("lists calls with the filters of 4.5", async () => {
    const t = await createTherapist(p.api, { email: null });
    for (const d of ["2026-12-02", "2026-12-03"])
      await p.api.staff("POST", "/api/phone-calls", {
        therapist_id: t.id,
        geplantes_datum: d,
        geplante_zeit: "11:00",
      });
    const q = (s: string) => p.api.staff("GET", `/api/phone-calls?therapist_id=${t.id}&${s}`);
    expect((await q("")).body.data.map((c: { geplantes_datum: string }) => c.geplantes_datum)).toEqual([
      "2026-12-03",
      "2026-12-02",
    ]);
    expect((await q("geplantes_datum=2026-12-02")).body.total).toBe(1);
    expect((await q("status=geplant&recipient_type=therapist")).body.total).toBe(2);
    expect((await q("recipient_type=patient")).body.total).toBe(0);
    expect((await q("status=unbekannt")).body).toMatchObject({ data: [], total: 0 });
    const bad = await q("geplantes_datum=morgen");
    expect([bad.status, bad.body.message]).toEqual([
      400,
      "Invalid date format for geplantes_datum. Use YYYY-MM-DD",
    ]);
    expect((await q("limit=5000")).body.limit).toBe(1000);
  });

  it("gives the work list: due up to a date, earliest first (staff app Telefonate)", async () => {
    const t = await createTherapist(p.api, { email: null });
    for (const [d, time] of [
      ["2026-12-03", "11:00"],
      ["2026-12-01", "09:00"],
      ["2026-12-09", "10:00"],
    ])
      await p.api.staff("POST", "/api/phone-calls", {
        therapist_id: t.id,
        geplantes_datum: d,
        geplante_zeit: time,
      });
    const q = (s: string) => p.api.staff("GET", `/api/phone-calls?therapist_id=${t.id}&${s}`);
    const due = await q("faellig_bis=2026-12-03&sort=termin");
    expect(due.body.data.map((c: { geplantes_datum: string }) => c.geplantes_datum)).toEqual([
      "2026-12-01",
      "2026-12-03",
    ]);
    expect((await q("sort=-termin")).body.data[0].geplantes_datum).toBe("2026-12-09");
    expect((await q("faellig_bis=heute")).status).toBe(400);
    expect((await q("sort=name")).body.message).toBe("Invalid sort 'name'. Valid values: termin, -termin");
  });

  it("shows a patient's e-mails and calls newest first and audits the read", async () => {
    const patient = await createReadyPatient(p.api, { vorname: "Lena", nachname: "Berg" });
    const email = await p.api.staff("POST", "/api/emails", {
      patient_id: patient.id,
      betreff: "Termin",
      empfaenger_email: patient.email,
      empfaenger_name: "Lena Berg",
      inhalt_text: "Hallo",
    });
    const call = await p.api.staff("POST", "/api/phone-calls", {
      patient_id: patient.id,
      geplantes_datum: "2099-01-05",
      geplante_zeit: "10:00",
    });
    const h = await p.api.staff("GET", `/api/patients/${patient.id}/communication`);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({
      patient_id: patient.id,
      patient_name: "Lena Berg",
      total_emails: 1,
      total_calls: 1,
    });
    expect(h.body.communications.map((c: { type: string; id: number }) => [c.type, c.id])).toEqual([
      ["phone_call", call.body.id],
      ["email", email.body.id],
    ]);
    expect(h.body.communications[1]).toMatchObject({
      subject: "Termin",
      status: "Entwurf",
      response_received: false,
    });
    expect(h.body.communications[1].data.inhalt_text).toContain("Hallo");
    const missing = await p.api.staff("GET", "/api/patients/999999/communication");
    expect([missing.status, missing.body.message]).toEqual([404, "Patient not found"]);
    const audit = await p.api.admin("GET", `/api/audit?entity=patient&entity_id=${patient.id}`);
    const actions = audit.body.data.map(
      (e: { action: string; user_email: string }) => `${e.action}:${e.user_email}`,
    );
    expect(actions).toEqual(expect.arrayContaining(["read:staff@test.local", "create:staff@test.local"]));
  });

  it("shows a therapist's communication", async () => {
    const t = await createTherapist(p.api, { titel: "Dr.", vorname: "Max", nachname: "Kurz" });
    await p.api.staff("POST", "/api/phone-calls", {
      therapist_id: t.id,
      geplantes_datum: "2099-01-05",
      geplante_zeit: "10:00",
    });
    const h = await p.api.staff("GET", `/api/therapists/${t.id}/communication`);
    expect(h.body).toMatchObject({
      therapist_id: t.id,
      therapist_name: "Dr. Max Kurz",
      total_emails: 0,
      total_calls: 1,
    });
    expect((await p.api.staff("GET", "/api/therapists/999999/communication")).body.message).toBe(
      "Therapist not found",
    );
    expect(
      (await p.api.request("GET", `/api/therapists/${t.id}/communication`, undefined, null)).status,
    ).toBe(401);
  });
});

import { Client } from "pg";
import { audit } from "../../../mixins/audit";
import { startApi, type TestApi } from "../../helpers/api";
import { ALL_GROUPS } from "../../helpers/factories";

/**
 * Issue 12.11, the seeds' monitoring figures in /metrics: bundle run duration and size, response times per route
 * pattern, cooling-period violations checked against the data by the monitoring.check job, placements and
 * answer rates.
 */
describe("monitoring figures in /metrics", () => {
  let api: TestApi;
  let db: Client;
  beforeAll(async () => {
    api = await startApi({ groups: ALL_GROUPS });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.stop();
  });

  const metrics = async () => (await api.admin("GET", "/metrics")).body as string;
  const value = (text: string, series: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it("observes every bundle run's duration and size", async () => {
    const r = await api.staff("POST", "/api/buendel/erstellen", { dry_run: true });
    expect(r.status).toBe(200);
    let text = "";
    for (let i = 0; i < 50; i++) {
      text = await metrics();
      if (value(text, 'bundle_run_duration_seconds_count{dry_run="true"}') === 1) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(value(text, 'bundle_run_duration_seconds_count{dry_run="true"}')).toBe(1);
    expect(value(text, 'bundle_run_duration_seconds_sum{dry_run="true"}')).toBeCloseTo(
      r.body.dauer_ms / 1000,
      2,
    );
    expect(value(text, 'bundle_run_bundles_sum{dry_run="true"}')).toBe(r.body.anzahl_buendel);
    expect(value(text, 'bundle_run_patient_assignments_sum{dry_run="true"}')).toBe(
      r.body.anzahl_patienten_zuordnungen,
    );
  });

  it("labels response times by route pattern, never by the raw path with ids", async () => {
    expect((await api.staff("GET", "/api/patients/987654")).status).toBe(404);
    const text = await metrics();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="GET \/api\/patients\/:id",status="404"\} \d+/,
    );
    expect(text).not.toContain("987654");
  });

  it("counts cooling-period violations, placements and answer rates from the data (monitoring.check job)", async () => {
    const ins = (
      therapist: number,
      sentDaysAgo: number,
      answeredDaysAgo: number | null,
      size: number,
      accepted: number,
    ) =>
      db.query(
        `INSERT INTO matching_service.therapeutenanfrage
           (therapist_id, gesendet_datum, antwort_datum, anfragegroesse, angenommen_anzahl, quelle)
         VALUES ($1, now() - make_interval(days => $2), CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END, $4, $5, 'buendel') RETURNING id`,
        [therapist, sentDaysAgo, answeredDaysAgo, size, accepted],
      );
    // Therapist 901 answered 10 days ago and got another inquiry yesterday: inside the 4-week cooling period.
    await ins(901, 20, 10, 3, 1);
    await ins(901, 1, null, 2, 0);
    // Therapist 902 answered within 7 days, 35 days ago; yesterday's inquiry respects the cooling period.
    await ins(902, 40, 35, 4, 2);
    await ins(902, 1, null, 3, 0);
    // Therapist 903 answered 5 days ago; staff overrode the cooling period with a reason (decisions.md 7, audited).
    await ins(903, 30, 5, 2, 0);
    const overridden = (await ins(903, 1, null, 1, 0)).rows[0].id;
    const platformDb = (api.broker.getLocalService("monitoring") as any).db;
    await audit(null, platformDb, {
      action: "override",
      entity: "therapeutenanfrage",
      entity_id: overridden,
      details: { begruendung: "Therapeutin bat ausdrücklich um weitere Anfragen" },
    });

    // One placed search (the first answer accepted a patient), one still open.
    await db.query(
      `INSERT INTO matching_service.platzsuche (patient_id, status, vermittelter_therapeut_id)
       VALUES (7001, 'erfolgreich', 901), (7002, 'aktiv', NULL)`,
    );

    const before = await metrics();
    expect(value(before, "cooling_period_violations")).toBe(0);
    const run = await api.admin("POST", "/api/jobs/monitoring.check/run");
    expect(run.status).toBe(200);
    expect(run.body.status).toBe("ok");
    expect(run.body.result.cooling_violation_inquiry_ids).toHaveLength(1);

    const text = await metrics();
    expect(value(text, "cooling_period_violations")).toBe(1);
    expect(value(text, "inquiries_sent_total")).toBe(6);
    expect(value(text, "inquiries_answered_total")).toBe(3);
    expect(value(text, "inquiry_answer_rate")).toBe(0.5);
    expect(value(text, "inquiry_answer_rate_7_days")).toBeCloseTo(1 / 6, 6);
    expect(value(text, "inquiry_acceptance_rate")).toBeCloseTo(3 / 9, 6);
    expect(value(text, "placements_total")).toBe(1);
    expect(value(text, "monitoring_check_age_seconds")).toBeLessThan(60);
  });
});

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** One Prometheus registry per process (several test brokers in one process share it). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "Gateway request latency by route and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const httpRequests = new Counter({
  name: "http_requests_total",
  help: "Gateway requests by route and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const labels = { method, route, status: String(status) };
  httpDuration.observe(labels, seconds);
  httpRequests.inc(labels);
}

// The seeds' monitoring figures (issue 12.11): bundle creation performance, cooling-period violations, success
// rates. Bundle runs are observed by the gateway node that receives the run's event (counters sum over nodes);
// the data figures are gauges set at scrape time from the last `monitoring.check` job run (cluster-wide).

const RUN_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
const SIZE_BUCKETS = [0, 1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 25000];

export const bundleRunDuration = new Histogram({
  name: "bundle_run_duration_seconds",
  help: "Duration of automatic bundle runs (seeds: bundle creation < 2 s for 100 patients)",
  labelNames: ["dry_run"] as const,
  buckets: RUN_BUCKETS_SECONDS,
  registers: [registry],
});

export const bundleRunBundles = new Histogram({
  name: "bundle_run_bundles",
  help: "Bundles (inquiries) proposed or created per bundle run",
  labelNames: ["dry_run"] as const,
  buckets: SIZE_BUCKETS,
  registers: [registry],
});

export const bundleRunAssignments = new Histogram({
  name: "bundle_run_patient_assignments",
  help: "Patient places in the bundles of one bundle run",
  labelNames: ["dry_run"] as const,
  buckets: SIZE_BUCKETS,
  registers: [registry],
});

export interface BundleRunFigures {
  dry_run: boolean;
  dauer_ms: number;
  anzahl_buendel: number;
  anzahl_patienten_zuordnungen: number;
}

export function observeBundleRun(r: BundleRunFigures): void {
  const labels = { dry_run: String(r.dry_run) };
  bundleRunDuration.observe(labels, r.dauer_ms / 1000);
  bundleRunBundles.observe(labels, r.anzahl_buendel);
  bundleRunAssignments.observe(labels, r.anzahl_patienten_zuordnungen);
}

/** Figures the `monitoring.check` job computes from the data. */
export interface MonitoringFigures {
  cooling_period_violations: number;
  placements: number;
  inquiries_sent: number;
  inquiries_answered: number;
  inquiries_answered_within_7_days: number;
  patients_proposed_in_answered: number;
  patients_accepted: number;
}

const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });

const figureGauges = {
  cooling_period_violations: gauge(
    "cooling_period_violations",
    "Inquiries sent to a therapist within the cooling period of an earlier answer, without a recorded override (must be 0)",
  ),
  placements: gauge("placements_total", "Searches with a placed therapist (vermittelter_therapeut_id set)"),
  inquiries_sent: gauge("inquiries_sent_total", "Inquiries sent to therapists"),
  inquiries_answered: gauge("inquiries_answered_total", "Sent inquiries with a recorded answer"),
  inquiries_answered_within_7_days: gauge(
    "inquiries_answered_within_7_days_total",
    "Sent inquiries answered within 7 days of sending",
  ),
  patients_proposed_in_answered: gauge(
    "inquiry_patients_answered_total",
    "Patient places in answered inquiries (denominator of the acceptance rate)",
  ),
  patients_accepted: gauge("inquiry_patients_accepted_total", "Patients accepted in answered inquiries"),
};
const answerRate = gauge("inquiry_answer_rate", "Answered / sent inquiries (0..1)");
const answerRate7 = gauge("inquiry_answer_rate_7_days", "Inquiries answered within 7 days / sent (0..1)");
const acceptanceRate = gauge(
  "inquiry_acceptance_rate",
  "Accepted / proposed patients in answered inquiries (0..1)",
);
const checkAge = gauge(
  "monitoring_check_age_seconds",
  "Seconds since the monitoring.check job computed the figures above (alert when it grows)",
);

const rate = (a: number, b: number) => (b > 0 ? a / b : 0);

export function setMonitoringFigures(f: MonitoringFigures, checkedAt: Date, now: Date): void {
  for (const [k, g] of Object.entries(figureGauges)) g.set(f[k as keyof MonitoringFigures] ?? 0);
  answerRate.set(rate(f.inquiries_answered, f.inquiries_sent));
  answerRate7.set(rate(f.inquiries_answered_within_7_days, f.inquiries_sent));
  acceptanceRate.set(rate(f.patients_accepted, f.patients_proposed_in_answered));
  checkAge.set(Math.max(0, (now.getTime() - checkedAt.getTime()) / 1000));
}

import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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

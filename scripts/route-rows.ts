import type { ServiceBroker } from "moleculer";

export interface RouteRow {
  method: string;
  path: string;
  action: string;
  auth: string;
}

/** The gateway's live route table (method, path, role, action), sorted by path and method. */
export function routeRows(broker: ServiceBroker): RouteRow[] {
  const gateway = broker.getLocalService("api") as any;
  return gateway.aliases
    .filter((a: any) => a.action)
    .map((a: any) => {
      const endpoint = broker.registry.getActionEndpoints(a.action)?.endpoints?.[0] as any;
      return {
        method: a.method === "*" ? "ANY" : a.method,
        path: a.fullPath ?? a.path,
        action: a.action,
        // Operations figures also answer the scraper addresses of METRICS_ALLOW_FROM without a token.
        auth: `${endpoint?.action?.auth ?? "—"}${endpoint?.action?.opsAllowList ? ", or `METRICS_ALLOW_FROM` addresses" : ""}`,
      };
    })
    .sort((x: RouteRow, y: RouteRow) => x.path.localeCompare(y.path) || x.method.localeCompare(y.method));
}

export const routeLine = (r: RouteRow) => `| ${r.method} | \`${r.path}\` | ${r.auth} | \`${r.action}\` |`;

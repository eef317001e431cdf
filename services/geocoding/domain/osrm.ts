export interface Point {
  latitude: number;
  longitude: number;
}

export interface Route {
  distance_km: number;
  travel_time_minutes: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** OSRM wants lon,lat pairs joined by ";" (external-apis.md 2.4). */
export const coordinatePath = (points: Point[]) =>
  points.map((p) => `${p.longitude.toFixed(6)},${p.latitude.toFixed(6)}`).join(";");

/**
 * A `route` answer as a Route; null when OSRM says there is no route (NoRoute/NoSegment), an Error for any other
 * answer (a changed or broken server must not look like "no route").
 */
export function routeFrom(body: unknown): Route | null | Error {
  const b = body as { code?: string; routes?: { distance?: number; duration?: number }[] } | null;
  if (b?.code === "NoRoute" || b?.code === "NoSegment") return null;
  if (b?.code !== "Ok" || !Array.isArray(b.routes)) return new Error(`OSRM answered ${b?.code ?? "no code"}`);
  const r = b.routes[0];
  if (!r || typeof r.distance !== "number") return null;
  return {
    distance_km: round2(r.distance / 1000),
    travel_time_minutes: typeof r.duration === "number" ? round2(r.duration / 60) : null,
  };
}

/**
 * The first row of a `table` answer (one source, n destinations): a Route or null per destination. With
 * `destinations=` OSRM returns one column per destination; a row with one column more also holds the source.
 */
export function tableRowFrom(body: unknown, n: number): (Route | null)[] | Error {
  const b = body as {
    code?: string;
    distances?: (number | null)[][];
    durations?: (number | null)[][];
  } | null;
  if (b?.code === "NoTable" || b?.code === "NoSegment") return Array<Route | null>(n).fill(null);
  if (b?.code !== "Ok" || !Array.isArray(b.distances?.[0]))
    return new Error(`OSRM answered ${b?.code ?? "no code"}`);
  const dist = b.distances[0];
  const dur = b.durations?.[0] ?? [];
  const offset = dist.length === n + 1 ? 1 : 0;
  if (dist.length !== n + offset)
    return new Error(`OSRM answered ${dist.length} distances for ${n} destinations`);
  return Array.from({ length: n }, (_, i) => {
    const d = dist[i + offset];
    if (typeof d !== "number") return null;
    const t = dur[i + offset];
    return {
      distance_km: round2(d / 1000),
      travel_time_minutes: typeof t === "number" ? round2(t / 60) : null,
    };
  });
}

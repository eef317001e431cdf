/**
 * What the access log may show of a request path (issue 11): an answer-link token in a log line is a working
 * credential for a therapist's answer (and a reader learns which inquiry it is), so it never reaches the log.
 * Path parameters named like secrets are replaced by their name; any other long opaque segment (a token of a
 * future route) is replaced too. The query string is never logged.
 */
const SECRET_PARAMS = new Set(["token", "secret", "key"]);
const OPAQUE_SEGMENT = /^[A-Za-z0-9._~%-]{32,}$/;

export const REDACTED = "[redacted]";

interface AliasLike {
  path?: string;
  fullPath?: string;
}

/** The request path without query string, with tokens replaced by `[redacted]`. */
export function redactPath(url: string, alias?: AliasLike | null): string {
  const path = url.split("?")[0];
  const segments = path.split("/");
  const pattern = (alias?.fullPath ?? alias?.path ?? "").split("/");
  // The alias pattern lines up with the path when it has as many segments (no wildcards).
  const aligned = pattern.length === segments.length;
  return segments
    .map((s, i) => {
      const p = aligned ? pattern[i] : "";
      if (p.startsWith(":") && SECRET_PARAMS.has(p.slice(1).replace(/\?$/, ""))) return REDACTED;
      return OPAQUE_SEGMENT.test(s) ? REDACTED : s;
    })
    .join("/");
}

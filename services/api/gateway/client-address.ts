import type { IncomingMessage } from "node:http";

const normalise = (a: string) => a.trim().replace(/^::ffff:/, "");

/**
 * The client's address: the socket's peer, or, when that peer is one of the configured reverse proxies, the
 * last address in X-Forwarded-For that is not itself a trusted proxy (a client cannot forge its way past it).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  let addr = normalise(req.socket?.remoteAddress ?? "unknown");
  if (!trustedProxies.has(addr)) return addr;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map(normalise)
    .filter(Boolean);
  while (forwarded.length && trustedProxies.has(addr)) addr = forwarded.pop()!;
  return addr;
}

export const parseTrustedProxies = (list: string): ReadonlySet<string> =>
  new Set(list.split(",").map(normalise).filter(Boolean));

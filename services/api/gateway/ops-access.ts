import type { IncomingMessage } from "node:http";
import type { BlockList } from "node:net";
import { cidrListHas } from "../../../config/cidr";
import { clientAddress } from "./client-address";

/**
 * `/metrics` and `/health/status` show versions, nodes, services and job names (issue 11): admins with a token
 * read them from anywhere, a scraper without a token only from the addresses of `METRICS_ALLOW_FROM`.
 * A request relayed by a proxy that is not in `TRUSTED_PROXIES` (it carries X-Forwarded-For or Forwarded) is
 * not taken as local: behind a reverse proxy on the same machine every request comes from loopback.
 */
export function opsAddressAllowed(
  req: IncomingMessage,
  allowList: BlockList,
  trustedProxies: ReadonlySet<string>,
): boolean {
  const peer = (req.socket?.remoteAddress ?? "").replace(/^::ffff:/, "");
  const relayed = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  if (relayed && !trustedProxies.has(peer)) return false;
  return cidrListHas(allowList, clientAddress(req, trustedProxies));
}

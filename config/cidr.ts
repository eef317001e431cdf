import { BlockList, isIP } from "node:net";

/**
 * A comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, ::1, 192.168.1.7`) as a BlockList to check
 * client addresses against; `none` is the empty list. Throws naming the first entry that is not an address or
 * range, so a typo in the configuration stops the start instead of opening or closing access silently.
 */
export function parseCidrList(list: string): BlockList {
  const out = new BlockList();
  const entries = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0].toLowerCase() === "none") return out;
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split("/");
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && !/^\d{1,3}$/.test(bits)) ||
      Number(bits) > max
    )
      throw new Error(`'${entry}' is not an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) out.addAddress(addr, type);
    else out.addSubnet(addr, Number(bits), type);
  }
  return out;
}

/** Whether the address (IPv4, IPv6 or IPv4-mapped IPv6) is in the list. */
export function cidrListHas(list: BlockList, address: string): boolean {
  const a = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const family = isIP(a);
  if (!family) return false;
  return list.check(a, family === 4 ? "ipv4" : "ipv6");
}

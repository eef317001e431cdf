import type { Role } from "./roles";

interface Before {
  email: string;
  rolle: Role;
  aktiv: boolean;
}
interface Changes {
  email?: unknown;
  rolle?: unknown;
  aktiv?: unknown;
  password_hash?: unknown;
}

/** The audit entries of one user update: role changes, (de)activation, password and e-mail changes. */
export function userChangeEntries(
  before: Before,
  changes: Changes,
): { action: string; details: Record<string, unknown> }[] {
  const out: { action: string; details: Record<string, unknown> }[] = [];
  if (changes.rolle !== undefined && changes.rolle !== before.rolle)
    out.push({ action: "role_change", details: { from: before.rolle, to: changes.rolle } });
  if (changes.aktiv === false && before.aktiv) out.push({ action: "deactivate", details: {} });
  if (changes.aktiv === true && !before.aktiv) out.push({ action: "activate", details: {} });
  if (changes.password_hash !== undefined) out.push({ action: "password_change", details: {} });
  if (changes.email !== undefined)
    out.push({ action: "update", details: { email_from: before.email, email_to: changes.email } });
  return out;
}

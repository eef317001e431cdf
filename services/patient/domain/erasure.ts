/** Who a kept registration file may belong to: the patient's e-mail address and the hash of their token. */
export interface Person {
  email: string | null;
  tokenHash: string | null;
}

/**
 * Whether a registration file (possibly broken JSON, which is why it failed) is this person's: the same
 * registration token, or their e-mail address as a JSON string anywhere in it.
 */
export function isRegistrationOf(content: string, who: Person, hash: (token: string) => string): boolean {
  if (who.email && content.toLowerCase().includes(JSON.stringify(who.email.toLowerCase()))) return true;
  if (!who.tokenHash) return false;
  try {
    const token = (JSON.parse(content) as { registration_token?: unknown })?.registration_token;
    return typeof token === "string" && hash(token) === who.tokenHash;
  } catch {
    return false;
  }
}

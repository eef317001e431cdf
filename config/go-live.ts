import type { SectionValues } from "./define";
import type { company } from "./sections/company";
import type { core } from "./sections/core";

interface Parsed {
  core: SectionValues<typeof core>;
  company: SectionValues<typeof company>;
  communication: { answerLinkSecret: string | null };
  security: { auditChainSecret: string | null };
}

// Company keys that have no sensible default for a real operator (country, BIC, bank name have one or may be empty).
const IDENTITY_KEYS = [
  "COMPANY_NAME",
  "COMPANY_STREET",
  "COMPANY_PLZ",
  "COMPANY_CITY",
  "COMPANY_EMAIL",
  "COMPANY_SENDER_NAME",
  "COMPANY_CEO",
  "COMPANY_REGISTER_COURT",
  "COMPANY_REGISTER_NUMBER",
  "COMPANY_IBAN",
  "COMPANY_CONTRACT_URL",
  "COMPANY_PRIVACY_URL",
  "SYSTEM_NOTIFICATION_EMAIL",
];

const PLACEHOLDER_HOST =
  /(^|[@./])(example\.(invalid|com|org|net)|localhost|[\w-]+\.invalid|[\w-]+\.test)(\b|$)/i;

/**
 * The go-live check (issue 18): with NODE_ENV=production the start refuses placeholder operator identity,
 * answer links that are not https, a generated admin password and missing keys. Every problem is listed.
 */
export function goLiveProblems(c: Parsed, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const set = (k: string) => (env[k] ?? "").trim() !== "";
  for (const k of IDENTITY_KEYS)
    if (!set(k))
      problems.push(`${k} is not set: the placeholder default would reach patients and therapists`);
  const identity = Object.entries(c.company).map(([, v]) => String(v));
  for (const v of [...identity, c.core.adminEmail])
    if (PLACEHOLDER_HOST.test(v))
      problems.push(`'${v}' is a placeholder address (example/invalid/localhost)`);
  if (/^[A-Z]{2}\d{2}[\s0]*$/i.test(c.company.iban) && set("COMPANY_IBAN"))
    problems.push(`COMPANY_IBAN '${c.company.iban}' is a placeholder (all zeros)`);
  if (/^HRB 0+$/.test(c.company.registerNumber) && set("COMPANY_REGISTER_NUMBER"))
    problems.push(`COMPANY_REGISTER_NUMBER '${c.company.registerNumber}' is a placeholder`);
  const base = c.core.publicBaseUrl;
  if (!base) problems.push("PUBLIC_BASE_URL is not set: answer links would point at this machine's address");
  else if (!/^https:\/\//i.test(base)) problems.push(`PUBLIC_BASE_URL '${base}' is not https`);
  else if (PLACEHOLDER_HOST.test(new URL(base).hostname))
    problems.push(`PUBLIC_BASE_URL '${base}' is a placeholder host`);
  if (!c.core.adminPassword)
    problems.push("ADMIN_PASSWORD is not set: a generated admin password would be printed to the log");
  if (!c.core.encryptionKey)
    problems.push("ENCRYPTION_KEY is not set: production keys come from the environment");
  if (!c.communication.answerLinkSecret)
    problems.push("ANSWER_LINK_SECRET is not set: production keys come from the environment");
  if (!c.security.auditChainSecret)
    problems.push("AUDIT_CHAIN_SECRET is not set: production keys come from the environment");
  return [...new Set(problems)];
}

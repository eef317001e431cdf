import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Password rules for staff and admins (issue 11): long enough, not a known common or breached password.
 * The list is the ~49,000 most common passwords from breach corpora that zxcvbn-ts maintains.
 */
export const MIN_PASSWORD_LENGTH = 12;
const MIN_DISTINCT_CHARACTERS = 5;

let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())));

/** The reasons a password is refused (empty = acceptable). */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.push(`Password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\d+$/, "")))
    problems.push("Password is on the list of common or breached passwords");
  if (new Set(lower).size < MIN_DISTINCT_CHARACTERS)
    problems.push(`Password must use at least ${MIN_DISTINCT_CHARACTERS} different characters`);
  return problems;
}

/** Who may call a published action. `public`: no login (health, login, signed therapist links). */
export const ROLES = ["staff", "admin"] as const;
export type Role = (typeof ROLES)[number];
export type ActionAuth = "public" | Role;

/** Admins can do everything staff can. */
export function roleAllows(userRole: Role, required: ActionAuth): boolean {
  if (required === "public") return true;
  if (required === "staff") return userRole === "staff" || userRole === "admin";
  return userRole === "admin";
}

export const isActionAuth = (v: unknown): v is ActionAuth => v === "public" || v === "staff" || v === "admin";

/** Lockout after repeated failures: locked until `now + lockSeconds` once `maxFailures` is reached. */
export function afterFailedLogin(
  failedBefore: number,
  now: Date,
  rules: { maxFailures: number; lockSeconds: number },
): { failed: number; lockedUntil: Date | null } {
  const failed = failedBefore + 1;
  if (failed < rules.maxFailures) return { failed, lockedUntil: null };
  // Each further failure while at the limit doubles the lock, capped at a day.
  const factor = Math.min(2 ** (failed - rules.maxFailures), 288);
  return {
    failed,
    lockedUntil: new Date(now.getTime() + Math.min(rules.lockSeconds * factor, 86_400) * 1000),
  };
}

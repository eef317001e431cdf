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

import { createHash } from "node:crypto";
import type { FeatureFlag, FlagUser } from "./feature-flag-types";
export type { FeatureFlag, FlagUser } from "./feature-flag-types";

export type FlagReason = "disabled" | "user_override" | "role_override" | "rollout" | "not_in_rollout";

export interface FlagDecision {
  on: boolean;
  reason: FlagReason;
}

/**
 * The user's bucket 0..99 for a flag: SHA-256 of "<flag>:<user id>", first four bytes, modulo 100. The flag
 * name is part of the input so one user is not in the first half of every rollout; the user id (not the e-mail)
 * so a renamed account keeps its answer. Modulo bias of 2^32 mod 100 is negligible (< 1e-7).
 */
export function rolloutBucket(flagName: string, userId: number): number {
  const digest = createHash("sha256").update(`${flagName}:${userId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/**
 * Whether a user gets a flag's feature. Pure: the same flag state and user always give the same answer, and
 * raising the percentage only adds users (a user's bucket never moves).
 */
export function evaluateFlag(flag: FeatureFlag, user: FlagUser): FlagDecision {
  if (!flag.enabled) return { on: false, reason: "disabled" };
  if (flag.override_users.includes(user.email.toLowerCase())) return { on: true, reason: "user_override" };
  if (flag.override_roles.includes(user.rolle)) return { on: true, reason: "role_override" };
  return rolloutBucket(flag.name, user.id) < flag.rollout_percentage
    ? { on: true, reason: "rollout" }
    : { on: false, reason: "not_in_rollout" };
}

/** For work no user asked for (scheduled jobs): only the master switch counts. */
export const flagOnForSystem = (flag: FeatureFlag | undefined): boolean => flag?.enabled === true;

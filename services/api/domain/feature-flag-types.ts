import type { Role } from "./roles";

// Without Node imports: the staff app's types come from here too (ui/src/api/types.ts).

/** A named feature flag as stored in platform.feature_flags (the seeds' shape plus role overrides). */
export interface FeatureFlag {
  name: string;
  /** Master switch: off means off for everyone, overrides included (a kill switch must stop everything). */
  enabled: boolean;
  /** Share of users (0..100) who get the feature, chosen by a stable hash of flag and user. */
  rollout_percentage: number;
  /** E-mail addresses (lower case) that always get the feature while it is enabled. */
  override_users: string[];
  /** Roles that always get the feature while it is enabled. */
  override_roles: Role[];
}

export interface FlagUser {
  id: number;
  email: string;
  rolle: Role;
}

/** A flag as the admin API lists it. */
export interface FeatureFlagRow extends FeatureFlag {
  beschreibung: string;
  updated_at: string;
  updated_by: string | null;
}

/** Which flags are on for the logged-in user (GET /api/feature-flags/mine). */
export interface MyFlags {
  data: Record<string, boolean>;
}

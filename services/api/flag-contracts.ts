import { z } from "zod";
import { ROLES } from "./domain/roles";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, { message: "override_users must be e-mail addresses" });

/** PUT /api/feature-flags/{name}: any subset of the changeable fields, at least one; nothing else. */
export const UpdateFlagParams = z
  .object({
    name: z.string(),
    enabled: z.boolean({ message: "enabled must be true or false" }).optional(),
    rollout_percentage: z
      .number({ message: "rollout_percentage must be a whole number from 0 to 100" })
      .int({ message: "rollout_percentage must be a whole number from 0 to 100" })
      .min(0, { message: "rollout_percentage must be a whole number from 0 to 100" })
      .max(100, { message: "rollout_percentage must be a whole number from 0 to 100" })
      .optional(),
    override_users: z
      .array(email, { message: "override_users must be a list of e-mail addresses" })
      .max(500, { message: "override_users: at most 500 entries" })
      .transform((v) => [...new Set(v)].sort())
      .optional(),
    override_roles: z
      .array(z.enum(ROLES, { message: `override_roles: valid values are ${ROLES.join(", ")}` }), {
        message: "override_roles must be a list of roles",
      })
      .transform((v) => [...new Set(v)].sort())
      .optional(),
  })
  .strict()
  .refine(
    (p) =>
      p.enabled !== undefined ||
      p.rollout_percentage !== undefined ||
      p.override_users !== undefined ||
      p.override_roles !== undefined,
    { message: "Nothing to change: send enabled, rollout_percentage, override_users or override_roles" },
  );
export type UpdateFlagParams = z.infer<typeof UpdateFlagParams>;

import { z } from "zod";
import { passwordProblems } from "./domain/password-policy";
import { ROLES } from "./domain/roles";

const email = z
  .string({ message: "email is required" })
  .trim()
  .min(3, { message: "email is required" })
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, { message: "Invalid email address" });
const password = z
  .string({ message: "password is required" })
  .max(200, { message: "Password too long" })
  .superRefine((v, ctx) => {
    for (const message of passwordProblems(v)) ctx.addIssue({ code: "custom", message });
  });
const rolle = z.enum(ROLES, { message: `Invalid rolle. Valid values: ${ROLES.join(", ")}` });

export const LoginParams = z.object({
  email: z.string({ message: "email is required" }).min(1, { message: "email is required" }),
  password: z.string({ message: "password is required" }).min(1, { message: "password is required" }),
});
export type LoginParams = z.infer<typeof LoginParams>;

export const CreateUserParams = z.object({ email, password, rolle: rolle.default("staff") });
export type CreateUserParams = z.infer<typeof CreateUserParams>;

export const UpdateUserParams = z.object({
  id: z.string(),
  email: email.optional(),
  password: password.optional(),
  rolle: rolle.optional(),
  aktiv: z.boolean({ message: "aktiv must be true or false" }).optional(),
});
export type UpdateUserParams = z.infer<typeof UpdateUserParams>;

export interface AuthUser {
  id: number;
  email: string;
  rolle: (typeof ROLES)[number];
}

import { z } from "zod";
import { SUCCESS_TEMPLATE_TYPES } from "../shared/enums";
import { QUEUEABLE_TEMPLATES } from "./domain/templates";

/** Param schemas of the internal actions other services call (docs/development.md, docs/communication.md). */
const id = (name: string) =>
  z.coerce
    .number({ message: `${name} is required` })
    .int({ message: `${name} must be a positive integer` })
    .positive({ message: `${name} must be a positive integer` });

export const SendInquiryParams = z.object({ anfrage_id: id("anfrage_id") });
export type SendInquiryParams = z.infer<typeof SendInquiryParams>;

export const SendReminderParams = z.object({ anfrage_id: id("anfrage_id") });

export const SendSuccessEmailParams = z.object({
  platzsuche_id: id("platzsuche_id"),
  patient_id: id("patient_id"),
  therapist_id: id("therapist_id"),
  email_template_type: z
    .enum(SUCCESS_TEMPLATE_TYPES, {
      message: `Invalid email_template_type. Valid values: ${SUCCESS_TEMPLATE_TYPES.join(", ")}`,
    })
    .nullish()
    .transform((v) => v ?? "email_contact"),
  meeting_details: z
    .object({ date: z.string().optional(), time: z.string().optional() })
    .nullish()
    .transform((v) => v ?? null),
});
export type SendSuccessEmailParams = z.infer<typeof SendSuccessEmailParams>;

export const QueueTemplateEmailParams = z
  .object({
    template: z.enum(QUEUEABLE_TEMPLATES, {
      message: `Invalid template. Valid values: ${QUEUEABLE_TEMPLATES.join(", ")}`,
    }),
    patient_id: id("patient_id").nullish(),
    therapist_id: id("therapist_id").nullish(),
    to_email: z
      .string({ message: "to_email is required" })
      .trim()
      .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, {
        message: "Invalid to_email",
      }),
    to_name: z.string({ message: "to_name is required" }).trim().min(1, { message: "to_name is required" }),
    variables: z.record(z.string(), z.unknown()).default({}),
    attachments: z.array(z.string()).default([]),
  })
  .refine((p) => !!p.patient_id !== !!p.therapist_id, {
    message: "Exactly one of patient_id or therapist_id is required",
  });
export type QueueTemplateEmailParams = z.infer<typeof QueueTemplateEmailParams>;

export const SystemMessageParams = z.object({
  subject: z
    .string({ message: "subject is required" })
    .trim()
    .min(1, { message: "subject is required" })
    .max(255),
  message: z.string({ message: "message is required" }).trim().min(1, { message: "message is required" }),
  sender_name: z.string().trim().min(1).max(100).nullish(),
});
export type SystemMessageParams = z.infer<typeof SystemMessageParams>;

export const PatientParams = z.object({ patient_id: id("patient_id") });

export const FollowUpParams = z.object({
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "today must be YYYY-MM-DD" })
    .optional(),
});

/** Result of `communication.sendInquiry` (matching marks the inquiry sent with it). */
export interface SendInquiryResult {
  communication_type: "email" | "phone_call";
  email_id: number | null;
  phone_call_id: number | null;
}

/** Who a message goes to: exactly one of therapist or patient (domain.md 2.9/2.10, DB check constraint). */
export type Recipient =
  { therapist_id: number; patient_id: null } | { therapist_id: null; patient_id: number };

export type Checked<T> = { value: T; error?: undefined } | { error: string; value?: undefined };

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A positive integer that fits the id columns (int4); anything else is not an id. */
export function positiveId(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v) && v > 0 && v <= 2147483647) return v;
  if (typeof v === "string" && /^\d{1,10}$/.test(v) && Number(v) > 0 && Number(v) <= 2147483647)
    return Number(v);
  return null;
}

/** The contract's messages of domain.md 4.5 for the recipient of a new e-mail or call. */
export function checkRecipient(p: { therapist_id?: unknown; patient_id?: unknown }): Checked<Recipient> {
  const hasT = present(p.therapist_id);
  const hasP = present(p.patient_id);
  if (!hasT && !hasP) return { error: "Either therapist_id or patient_id is required" };
  if (hasT && hasP) return { error: "Cannot specify both therapist_id and patient_id" };
  const field = hasT ? "therapist_id" : "patient_id";
  const id = positiveId(hasT ? p.therapist_id : p.patient_id);
  if (id === null) return { error: `Invalid ${field} '${String(hasT ? p.therapist_id : p.patient_id)}'` };
  return { value: hasT ? { therapist_id: id, patient_id: null } : { therapist_id: null, patient_id: id } };
}

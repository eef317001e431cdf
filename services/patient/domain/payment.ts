/**
 * Payment automation (domain.md 3.2 step 4): when payment is confirmed (false -> true) and contracts are
 * signed, the search starts today (startdatum never changes once set) and an `offen` patient becomes
 * `auf_der_Suche`. Without signed contracts only the flag changes. Also applies on creation.
 */
export interface PaymentState {
  zahlung_eingegangen: boolean;
  vertraege_unterschrieben: boolean;
  startdatum: string | null;
  status: string;
}

export function applyPaymentRules(
  before: Pick<PaymentState, "zahlung_eingegangen"> | null,
  after: PaymentState,
  today: string,
): Pick<PaymentState, "startdatum" | "status"> {
  const paidNow = after.zahlung_eingegangen && !(before?.zahlung_eingegangen ?? false);
  if (!paidNow || !after.vertraege_unterschrieben)
    return { startdatum: after.startdatum, status: after.status };
  return {
    startdatum: after.startdatum ?? today,
    status: after.status === "offen" ? "auf_der_Suche" : after.status,
  };
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** The importer's reference is the first 8 characters of the registration token (domain.md 3.2). */
export const zahlungsreferenzFromToken = (token: string) => token.slice(0, 8);

/** Patients entered by staff get a random reference without look-alike characters (0/O, 1/I). */
export function newZahlungsreferenz(random: (n: number) => Buffer): string {
  return [...random(8)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const isZahlungsreferenz = (v: unknown): v is string =>
  typeof v === "string" && /^[A-Za-z0-9]{8}$/.test(v);

/** One entry of GET /patients/{id}/communication and /therapists/{id}/communication (domain.md 4.2/4.3). */
export interface TimelineEntry {
  type: "email" | "phone_call";
  id: number;
  date: string;
  subject?: string;
  status: string;
  response_received?: boolean;
  outcome?: string | null;
  data: Record<string, unknown>;
}

interface EmailLike {
  id: number;
  betreff: string;
  status: string;
  antwort_erhalten: boolean;
  gesendet_am: string | null;
  created_at: string;
}
interface CallLike {
  id: number;
  status: string;
  ergebnis: string | null;
  geplantes_datum: string;
  geplante_zeit: string;
  tatsaechliches_datum: string | null;
  tatsaechliche_zeit: string | null;
}

/**
 * Newest first. An e-mail counts from when it was sent (else created); a call from when it happened (else
 * when it is planned), as "YYYY-MM-DDTHH:MM" local time. Ties keep e-mails before calls, then higher ids first.
 */
export function timeline(
  emails: readonly EmailLike[],
  calls: readonly CallLike[],
  toLocal: (iso: string) => string,
) {
  const entries: (TimelineEntry & { key: string })[] = [
    ...emails.map((e) => ({
      type: "email" as const,
      id: e.id,
      date: e.gesendet_am ?? e.created_at,
      key: toLocal(e.gesendet_am ?? e.created_at),
      subject: e.betreff,
      status: e.status,
      response_received: e.antwort_erhalten,
      data: e as unknown as Record<string, unknown>,
    })),
    ...calls.map((c) => {
      const date = c.tatsaechliches_datum ?? c.geplantes_datum;
      const time = c.tatsaechliches_datum ? (c.tatsaechliche_zeit ?? "00:00") : c.geplante_zeit;
      return {
        type: "phone_call" as const,
        id: c.id,
        date: `${date}T${time}`,
        key: `${date}T${time}`,
        status: c.status,
        outcome: c.ergebnis,
        data: c as unknown as Record<string, unknown>,
      };
    }),
  ];
  entries.sort(
    (a, b) => b.key.localeCompare(a.key) || (a.type === b.type ? b.id - a.id : a.type === "email" ? -1 : 1),
  );
  return entries.map(({ key: _key, ...e }) => e);
}

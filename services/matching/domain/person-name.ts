/** "Dr. Anna Berg": how staff name a therapist (or patient) in lists. */
export const personName = (p: { titel?: string | null; vorname?: string | null; nachname?: string | null }) =>
  [p.titel, p.vorname, p.nachname].filter((x) => x && String(x).trim()).join(" ");

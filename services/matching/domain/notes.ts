/** Notes are a log: one dated line per entry, `[YYYY-MM-DD HH:MM (Author)] text`. */
export function appendNote(
  existing: string | null,
  text: string,
  author: string,
  at: { date: string; time: string },
): string {
  const line = `[${at.date} ${at.time} (${author})] ${text.trim()}`;
  return existing ? `${existing}\n${line}` : line;
}

export const coolingUntil = (today: string, weeks: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 10);
};

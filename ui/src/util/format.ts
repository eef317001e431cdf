/** Dates as dd.mm.yyyy and times as HH:MM everywhere (issue 13). */
export function formatDate(v: string | null | undefined): string {
  if (!v) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return v;
  if (v.length > 10 && v.includes("T")) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return formatDateTime(v).slice(0, 10);
  }
  return `${m[3]}.${m[2]}.${m[1]}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function formatDateTime(v: string | null | undefined): string {
  if (!v) return "–";
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const yesNo = (v: boolean | null | undefined) => (v === true ? "Ja" : v === false ? "Nein" : "–");

export const text = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === "" ? "–" : String(v);

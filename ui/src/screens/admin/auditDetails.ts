import { fieldLabel, ROLLE_LABELS } from "../../i18n/de";
import { formatDateTime } from "../../util/format";

/** Words for the keys the services write into audit details (mixins/audit callers). */
const DETAIL_LABELS: Record<string, string> = {
  ids: "Datensätze",
  fields: "Felder",
  email: "E-Mail",
  address: "Adresse (IP)",
  rolle: "Rolle",
  from: "Vorher",
  to: "Nachher",
  email_from: "E-Mail vorher",
  email_to: "E-Mail nachher",
  via: "Über",
  filters: "Filter",
  pdf: "PDF",
  caller: "Aufrufer",
  profile: "Profil",
  anfragen: "Anfragen",
  plz_prefix: "PLZ-Bereich",
  run: "Lauf",
  file: "Datei",
  total: "Gesamt",
  created: "Neu",
  updated: "Geändert",
  unchanged: "Unverändert",
  skipped: "Übersprungen",
  failed: "Fehlerhaft",
  email_id: "E-Mail-Nr.",
  search: "Suche",
  status: "Status",
  reason: "Grund",
  begruendung: "Begründung",
};

const humanize = (k: string) => {
  const known = DETAIL_LABELS[k] ?? fieldLabel(k);
  if (known !== k) return known;
  const s = k.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "boolean") return v ? "Ja" : "Nein";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  if (v === "staff" || v === "admin") return ROLLE_LABELS[v];
  if (Array.isArray(v))
    return v.length
      ? v.map((x) => (typeof x === "string" ? fieldLabel(x) : valueText(x))).join(", ")
      : "keine";
  if (typeof v === "object")
    return (
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${humanize(k)}: ${valueText(x)}`)
        .join("; ") || "–"
    );
  return String(v);
}

/** An entry's details as label / text pairs (no JSON on screen). */
export function auditDetailRows(details: Record<string, unknown> | null | undefined): [string, string][] {
  return Object.entries(details ?? {}).map(([k, v]) => [humanize(k), valueText(v)]);
}

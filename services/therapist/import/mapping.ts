import type { Therapieverfahren } from "../../shared/enums";
import { normalizeSchedule, weekdayKey, formatRange, parseRange, type Schedule } from "../../shared/schedule";

type Row = Record<string, any>;

/** One therapist as the importer understands it, from any input format. */
export interface ImportedTherapist {
  anrede: "Herr" | "Frau";
  geschlecht: "männlich" | "weiblich" | "keine_Angabe";
  titel: string;
  vorname: string;
  nachname: string;
  strasse: string;
  plz: string;
  ort: string | null;
  telefon: string | null;
  fax: string | null;
  email: string | null;
  webseite: string | null;
  telefonische_erreichbarkeit: Schedule;
  fremdsprachen: string[];
  psychotherapieverfahren: Therapieverfahren;
  latitude: number | null;
  longitude: number | null;
  quelle_id: string | null;
}

export type MapResult =
  | { ok: true; value: ImportedTherapist }
  | { ok: false; skip: true; reason: string }
  | { ok: false; skip: false; error: string };

/** Method mapping of domain.md 3.17: both → egal, one → that one, none recognised → egal. */
export function mapMethod(offers: string[]): Therapieverfahren {
  const text = offers.join(" | ").toLowerCase();
  const vt = text.includes("verhaltenstherapie");
  const tp = text.includes("tiefenpsychologisch");
  if (vt && !tp) return "Verhaltenstherapie";
  if (tp && !vt) return "tiefenpsychologisch_fundierte_Psychotherapie";
  return "egal";
}

/** Adults only (domain.md 3.17): some offer must name Erwachsene. */
export const offersAdults = (offers: string[]) => offers.some((o) => /erwachsene/i.test(o));

const clean = (v: unknown) =>
  typeof v === "string" && v.trim() !== ""
    ? v.trim().replace(/\s*-\s*/g, (m) => (m.trim() === "-" ? "-" : m))
    : null;
const salutation = (v: unknown): "Herr" | "Frau" => (v === "Herr" ? "Herr" : "Frau");
const genderOf = (anrede: string, raw?: unknown): ImportedTherapist["geschlecht"] => {
  const g = String(raw ?? "").toLowerCase();
  if (g === "m" || g === "1" || g === "männlich") return "männlich";
  if (g === "f" || g === "w" || g === "2" || g === "weiblich") return "weiblich";
  return anrede === "Herr" ? "männlich" : anrede === "Frau" ? "weiblich" : "keine_Angabe";
};
const schedule = (v: unknown): Schedule => {
  const r = normalizeSchedule(v);
  return r.ok ? r.value : {};
};

/** A record of the scraper snapshot format (external-apis.md 1.8, domain.md 2.12). */
export function fromSnapshot(r: Row): MapResult {
  const b = r.basic_info ?? {};
  const loc = r.location ?? {};
  const c = r.contact ?? {};
  const methods: string[] = Array.isArray(r.therapy_methods) ? r.therapy_methods.map(String) : [];
  if (!offersAdults(methods)) return { ok: false, skip: true, reason: "no adult offer" };
  const vorname = clean(b.first_name);
  const nachname = clean(b.last_name);
  const plz = clean(loc.postal_code);
  if (!vorname || !nachname || !plz)
    return {
      ok: false,
      skip: false,
      error: "Failed to map therapist data: first_name, last_name and postal_code are required",
    };
  const anrede = salutation(b.salutation);
  return {
    ok: true,
    value: {
      anrede,
      geschlecht: genderOf(anrede),
      titel: clean(b.title) ?? "",
      vorname,
      nachname,
      strasse: [clean(loc.street), clean(loc.house_number)].filter(Boolean).join(" "),
      plz,
      ort: clean(loc.city),
      telefon: clean(c.phone),
      fax: clean(c.fax),
      email: clean(c.email)?.toLowerCase() ?? null,
      webseite: null,
      telefonische_erreichbarkeit: schedule(r.telephone_hours),
      fremdsprachen: Array.isArray(r.languages)
        ? r.languages.map(String).filter((l: string) => l !== "Deutsch")
        : [],
      psychotherapieverfahren: mapMethod(methods),
      // The scraper keeps the 116117 practice position (not part of the earlier format).
      latitude: typeof loc.latitude === "number" ? loc.latitude : null,
      longitude: typeof loc.longitude === "number" ? loc.longitude : null,
      quelle_id: r.id ? String(r.id) : null,
    },
  };
}

/** Phone hours from both 116117 time-slot shapes (external-apis.md 1.3). */
export function phoneHoursFrom116117(tsz: unknown): Schedule {
  const out: Record<string, Set<string>> = {};
  for (const day of Array.isArray(tsz) ? tsz : []) {
    const key =
      weekdayKey(String(day.t ?? "")) ??
      (/^\d{4}-\d{2}-\d{2}$/.test(String(day.d ?? ""))
        ? (["sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"] as const)[
            new Date(`${day.d}T12:00:00Z`).getUTCDay()
          ]
        : null);
    if (!key) continue;
    const types = Array.isArray(day.tszDesTyps)
      ? day.tszDesTyps
      : Array.isArray(day.typTsz)
        ? day.typTsz
        : [];
    for (const t of types) {
      // Older payloads name the type; the newer coded type "01" is taken as phone hours (unverified upstream).
      if (t.typ !== "Telefonische Erreichbarkeit" && t.typ !== "01") continue;
      for (const s of t.sprechzeiten ?? []) {
        for (const piece of String(s.zeit ?? s.z ?? "").split(/[;,]/)) {
          const r = parseRange(piece);
          if (r) (out[key] ??= new Set()).add(formatRange(r));
        }
      }
    }
  }
  return schedule(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]])));
}

/** A record of a raw 116117 search result (`arztPraxisDatas`, external-apis.md 1.2). */
export function from116117(r: Row): MapResult {
  if (r.arzt === false) return { ok: false, skip: true, reason: "practice entry, not a person" };
  const psy: unknown[] = Array.isArray(r.psy) ? r.psy : [];
  const offers = psy.map((p) =>
    typeof p === "string" ? p : `${(p as Row)?.heading ?? ""} ${((p as Row)?.values ?? []).join(" ")}`,
  );
  const fields = (Array.isArray(r.fg) ? r.fg : []).map((f: unknown) => String((f as Row)?.value ?? f));
  // Plain offers name the age group ("… für Erwachsene …"); structured ones do not, so then the
  // Fachgebiete decide: a children-only listing is skipped.
  const adult = psy.some((p) => typeof p === "string")
    ? offersAdults(offers)
    : !(fields.length > 0 && fields.every((f: string) => /kinder/i.test(f)));
  if (!adult) return { ok: false, skip: true, reason: "no adult offer" };
  const vorname = clean(r.vorname);
  const nachname = clean(r.name);
  const plz = clean(r.plz);
  if (!vorname || !nachname || !plz)
    return {
      ok: false,
      skip: false,
      error: "Failed to map therapist data: vorname, name and plz are required",
    };
  const anrede = salutation(r.anrede);
  return {
    ok: true,
    value: {
      anrede,
      geschlecht: genderOf(anrede, r.geschlecht),
      titel: clean(r.titel) ?? "",
      vorname,
      nachname,
      strasse: [clean(r.strasse), clean(r.hausnummer)].filter(Boolean).join(" "),
      plz,
      ort: clean(r.ort),
      telefon: clean(r.tel) ?? clean(r.handy),
      fax: clean(r.fax),
      email: clean(r.email)?.toLowerCase() ?? null,
      webseite: clean(r.web),
      telefonische_erreichbarkeit: phoneHoursFrom116117(r.tsz),
      fremdsprachen: Array.isArray(r.fs) ? r.fs.map(String) : [],
      psychotherapieverfahren: mapMethod(offers),
      latitude: typeof r.lat === "number" ? r.lat : null,
      longitude: typeof r.lon === "number" ? r.lon : null,
      quelle_id: r.id ? String(r.id) : null,
    },
  };
}

import {
  formatRange,
  parseRange,
  weekdayKey,
  weekdayOfDate,
  WEEKDAYS,
  type Weekday,
} from "../../shared/schedule";

type Row = Record<string, any>;

const ENGLISH: Record<Weekday, string> = {
  montag: "monday",
  dienstag: "tuesday",
  mittwoch: "wednesday",
  donnerstag: "thursday",
  freitag: "friday",
  samstag: "saturday",
  sonntag: "sunday",
};
const PHONE_TYPES = new Set(["Telefonische Erreichbarkeit", "01"]);
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** The key a record is de-duplicated by across overlapping queries: its 116117 id (else name + address). */
export function sourceId(r: Row): string {
  if (r.id !== undefined && r.id !== null && String(r.id) !== "") return String(r.id);
  return ["noid", text(r.vorname), text(r.name), text(r.plz), text(r.strasse), text(r.hausnummer)].join("|");
}

/** Phone hours of both time-slot shapes (external-apis.md 1.3) as the snapshot's `telephone_hours`. */
export function telephoneHours(tsz: unknown): Record<string, string[]> {
  const byDay = new Map<Weekday, Set<string>>();
  for (const day of Array.isArray(tsz) ? tsz : []) {
    const d = String(day?.d ?? "");
    const key = weekdayKey(String(day?.t ?? "")) ?? (/^\d{4}-\d{2}-\d{2}$/.test(d) ? weekdayOfDate(d) : null);
    if (!key) continue;
    for (const t of [...(day.tszDesTyps ?? []), ...(day.typTsz ?? [])]) {
      if (!PHONE_TYPES.has(t?.typ)) continue;
      for (const s of t.sprechzeiten ?? [])
        for (const piece of String(s?.zeit ?? s?.z ?? "").split(/[;,]/)) {
          const r = parseRange(piece);
          if (r) (byDay.get(key) ?? byDay.set(key, new Set()).get(key)!).add(formatRange(r));
        }
    }
  }
  const out: Record<string, string[]> = {};
  for (const d of WEEKDAYS) if (byDay.has(d)) out[ENGLISH[d]] = [...byDay.get(d)!].sort();
  return out;
}

/**
 * Therapy offers as snapshot strings. Structured offers (`{heading, values}`) name no age group; the importer
 * keeps only offers naming adults, so they get one from the Fachgebiete (children-only listing → Kinder und
 * Jugendliche, else Erwachsene).
 */
function therapyMethods(r: Row): string[] {
  const fields = (Array.isArray(r.fg) ? r.fg : []).map((f: unknown) => String((f as Row)?.value ?? f));
  const childrenOnly = fields.length > 0 && fields.every((f: string) => /kinder/i.test(f));
  return (Array.isArray(r.psy) ? r.psy : []).map((p: unknown) => {
    if (typeof p === "string") return p;
    const o = (p ?? {}) as Row;
    const values = Array.isArray(o.values) && o.values.length ? ` in ${o.values.join(", ")}` : "";
    return `${text(o.heading)} für ${childrenOnly ? "Kinder und Jugendliche" : "Erwachsene"}${values}`;
  });
}

/** One 116117 record as a snapshot record (external-apis.md 1.8); null for practice entries (`arzt: false`). */
export function toSnapshotRecord(r: Row, now: string): Row | null {
  if (r.arzt === false) return null;
  return {
    id: sourceId(r),
    status: "new",
    last_modified: now,
    basic_info: {
      salutation: text(r.anrede),
      title: text(r.titel),
      first_name: text(r.vorname),
      last_name: text(r.name),
      full_name: [text(r.vorname), text(r.name)].filter(Boolean).join(" "),
      classification: (Array.isArray(r.fg) ? r.fg : [])
        .map((f: unknown) => String((f as Row)?.value ?? f))
        .join(", "),
    },
    location: {
      street: text(r.strasse),
      house_number: text(r.hausnummer),
      postal_code: text(r.plz),
      city: text(r.ort),
      // Not in the original format: keeps the practice position, so imported therapists need no geocoding.
      ...(typeof r.lat === "number" && typeof r.lon === "number"
        ? { latitude: r.lat, longitude: r.lon }
        : {}),
    },
    contact: { phone: text(r.tel) || text(r.handy), email: text(r.email), fax: text(r.fax) },
    languages: Array.isArray(r.fs) ? r.fs.map(String) : [],
    therapy_methods: therapyMethods(r),
    telephone_hours: telephoneHours(r.tsz),
  };
}

export interface SnapshotFile {
  plz: string;
  content: { metadata: Row; therapists: Row[] };
}

/**
 * Snapshot files per PLZ of the practices found (`<base>/<YYYYMMDD>/<PLZ>.json`). `complete` is false when
 * some query was cut off: then the importer must not flag therapists missing from the file.
 */
export function buildSnapshots(
  records: Row[],
  o: { now: string; date: string; jobId: number; complete: boolean },
): SnapshotFile[] {
  const byPlz = new Map<string, Row[]>();
  for (const raw of records) {
    const r = toSnapshotRecord(raw, o.now);
    const plz = r?.location.postal_code;
    if (!r || !/^\d{5}$/.test(plz)) continue;
    (byPlz.get(plz) ?? byPlz.set(plz, []).get(plz)!).push(r);
  }
  return [...byPlz.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([plz, therapists]) => ({
      plz,
      content: {
        metadata: {
          scrape_id: `${plz}_${o.date}_job${o.jobId}`,
          scrape_date: o.now,
          postcode_area: plz,
          total_therapists: therapists.length,
          source: "116117.de",
          job_id: o.jobId,
          complete: o.complete,
        },
        therapists: therapists.sort((a, b) => a.id.localeCompare(b.id)),
      },
    }));
}

/** Two jobs of one day covering the same PLZ: one file with both lists (the newer record wins per id). */
export function mergeSnapshot(
  older: SnapshotFile["content"],
  newer: SnapshotFile["content"],
): SnapshotFile["content"] {
  const byId = new Map<string, Row>();
  for (const t of [...(Array.isArray(older?.therapists) ? older.therapists : []), ...newer.therapists])
    byId.set(String(t.id), t);
  const therapists = [...byId.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return {
    metadata: {
      ...newer.metadata,
      total_therapists: therapists.length,
      complete: older?.metadata?.complete !== false && newer.metadata.complete !== false,
    },
    therapists,
  };
}

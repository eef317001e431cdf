import * as fs from "node:fs";
import * as path from "node:path";

const CSV = path.resolve(__dirname, "../../../shared/data/plz_geocoord.csv");

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function call(base: string, token: string | null, method: string, p: string, body?: unknown) {
  const r = await fetch(base + p, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await r.json().catch(() => null)) as any;
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `n` tasks with `width` in flight. */
async function pool(n: number, width: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/**
 * The P2/P3 data set, created through the API like staff would (so every row is as the platform writes it):
 * therapists and patients spread over real postal codes, a share of them under prefix 52, one inquiry of six.
 */
export async function seedPlatform(base: string, size: { patients: number; therapists: number }) {
  const random = rng(7);
  const plz = fs
    .readFileSync(CSV, "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0])
    .filter(Boolean);
  const aachen = plz.filter((p) => p.startsWith("52"));
  const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)];
  const adminToken = (
    await call(base, null, "POST", "/api/auth/login", {
      email: "admin@bench.local",
      password: "bench-admin-password",
    })
  ).token;
  await call(base, adminToken, "POST", "/api/users", {
    email: "staff@bench.local",
    password: "bench-staff-password",
    role: "staff",
    name: "Bench Staff",
  });
  const staffToken = (
    await call(base, null, "POST", "/api/auth/login", {
      email: "staff@bench.local",
      password: "bench-staff-password",
    })
  ).token;

  const methods = ["Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie", "egal"];
  await pool(size.therapists, 16, (i) =>
    call(base, staffToken, "POST", "/api/therapists", {
      anrede: i % 2 ? "Herr" : "Frau",
      geschlecht: i % 2 ? "männlich" : "weiblich",
      titel: i % 7 === 0 ? "Dr." : "",
      vorname: `Thera${i}`,
      nachname: `Peut${i}`,
      plz: random() < 0.1 ? pick(aachen) : pick(plz),
      ort: "Ort",
      strasse: `Praxisweg ${i}`,
      telefon: "0241 123456",
      email: i % 5 === 0 ? null : `praxis${Math.floor(i / (i % 3 === 0 ? 2 : 1))}@bench.example`,
      psychotherapieverfahren: methods[i % 3],
      potenziell_verfuegbar: i % 4 === 0,
      ueber_curavani_informiert: i % 3 === 0,
    }),
  );
  const ready = (i: number, p: string) => ({
    anrede: i % 2 ? "Herr" : "Frau",
    geschlecht: i % 2 ? "männlich" : "weiblich",
    vorname: `Pat${i}`,
    nachname: `Ient${i}`,
    email: `p${i}@bench.example`,
    plz: p,
    ort: "Ort",
    strasse: `Wohnweg ${i}`,
    geburtsdatum: "1988-03-04",
    krankenkasse: "AOK",
    krankenversicherungsnummer: `A${100000000 + i}`,
    symptome: ["Schlafstörungen"],
    erfahrung_mit_psychotherapie: false,
    offen_fuer_gruppentherapie: true,
    zeitliche_verfuegbarkeit: {
      montag: ["08:00-18:00"],
      dienstag: ["08:00-18:00"],
      mittwoch: ["08:00-12:00"],
    },
    vertraege_unterschrieben: true,
    zahlung_eingegangen: true,
  });
  const inquiryPatients: number[] = [];
  await pool(size.patients, 16, async (i) => {
    const p = await call(base, staffToken, "POST", "/api/patients", ready(i, i < 6 ? "52062" : pick(plz)));
    if (i < 6) inquiryPatients.push(p.id);
  });
  for (const id of inquiryPatients.sort((a, b) => a - b))
    await call(base, staffToken, "POST", "/api/platzsuchen", { patient_id: id });
  const therapist = await call(base, staffToken, "POST", "/api/therapists", {
    anrede: "Frau",
    geschlecht: "weiblich",
    vorname: "Anna",
    nachname: "Anfrage",
    plz: "52064",
    ort: "Aachen",
    email: "anna.anfrage@bench.example",
  });
  const inquiry = await call(base, staffToken, "POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
    therapist_id: therapist.id,
    plz_prefix: "52",
  });
  const selection = await call(base, staffToken, "GET", "/api/therapeuten-zur-auswahl?plz_prefix=52");
  return {
    staffToken,
    inquiryId: inquiry.anfrage_id as number,
    patients: size.patients,
    therapists: size.therapists + 1,
    selectionSize: selection.total as number,
  };
}

/** The handles of a data set seeded by an earlier `--keep` run. */
export async function seededPlatform(base: string, size: { patients: number; therapists: number }) {
  const staffToken = (
    await call(base, null, "POST", "/api/auth/login", {
      email: "staff@bench.local",
      password: "bench-staff-password",
    })
  ).token;
  const inquiries = await call(base, staffToken, "GET", "/api/therapeutenanfragen?limit=1");
  const selection = await call(base, staffToken, "GET", "/api/therapeuten-zur-auswahl?plz_prefix=52");
  return {
    staffToken,
    inquiryId: inquiries.data[0].id as number,
    patients: size.patients,
    therapists: size.therapists + 1,
    selectionSize: selection.total as number,
  };
}

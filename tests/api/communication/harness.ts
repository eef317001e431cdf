import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../../helpers/factories";
import { startSmtpSink } from "../../helpers/smtp-sink";

/** One region per inquiry, so patients of one test never land in another test's inquiry (2-digit prefixes). */
const REGIONS = [
  { plz: "44137", ort: "Dortmund" },
  { plz: "01067", ort: "Dresden" },
  { plz: "52062", ort: "Aachen" },
  { plz: "80331", ort: "München" },
  { plz: "10115", ort: "Berlin" },
  { plz: "20095", ort: "Hamburg" },
  { plz: "50667", ort: "Köln" },
  { plz: "60311", ort: "Frankfurt am Main" },
  { plz: "70173", ort: "Stuttgart" },
  { plz: "90402", ort: "Nürnberg" },
  { plz: "30159", ort: "Hannover" },
  { plz: "28195", ort: "Bremen" },
  { plz: "04109", ort: "Leipzig" },
  { plz: "24103", ort: "Kiel" },
  { plz: "39104", ort: "Magdeburg" },
  { plz: "99084", ort: "Erfurt" },
  { plz: "66111", ort: "Saarbrücken" },
  { plz: "55116", ort: "Mainz" },
];
let nextRegion = 0;

export type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
type Row = Record<string, any>;

export async function waitFor(fn: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

/**
 * The whole platform behind the gateway, e-mails going to a real SMTP server on loopback, and a direct
 * database connection for what a test must look at underneath (encryption, time passing).
 */
export async function startPlatform(
  env: Record<string, string> = {},
  sinkOpts: Parameters<typeof startSmtpSink>[0] = {},
) {
  const smtp = await startSmtpSink(sinkOpts);
  const api: TestApi = await startApi({
    groups: ALL_GROUPS,
    env: {
      SMTP_URL: smtp.url,
      EMAIL_QUEUE_INTERVAL_MS: "100",
      EMAIL_RETRY_BASE_SECONDS: "0",
      COMPANY_NAME: "Testvermittlung GmbH",
      COMPANY_SENDER_NAME: "Testvermittlung",
      COMPANY_EMAIL: "team@testvermittlung.example",
      SYSTEM_NOTIFICATION_EMAIL: "ops@testvermittlung.example",
      PUBLIC_BASE_URL: "https://vermittlung.example",
      ...env,
    },
  });
  await loadCentroids(
    api,
    REGIONS.map((r) => r.plz),
  );
  const pg = new Client({ connectionString: api.databaseUrl });
  await pg.connect();
  return {
    api,
    smtp,
    sql: async (q: string, params: unknown[] = []): Promise<Row[]> => (await pg.query(q, params)).rows,
    async stop() {
      await pg.end();
      await api.stop();
      await smtp.stop();
    },
  };
}
export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** A therapist and `n` ready patients with searches in a region of their own; the inquiry is created and sent. */
export async function inquiryFor(
  api: TestApi,
  o: { therapist?: Record<string, unknown>; patients?: Record<string, unknown>[]; send?: boolean } = {},
) {
  const region = REGIONS[nextRegion++ % REGIONS.length];
  const therapist = await createTherapist(api, { ...region, ...o.therapist });
  const patients = [];
  for (const over of o.patients ?? [{}]) {
    const p = await createReadyPatient(api, { ...region, ...over });
    await createSearch(api, p.id);
    patients.push(p);
  }
  const created = await api.staff("POST", "/api/therapeutenanfragen/erstellen-fuer-therapeut", {
    therapist_id: therapist.id,
    plz_prefix: region.plz.slice(0, 2),
    sofort_senden: o.send ?? true,
  });
  if (created.status !== 201) throw new Error(`inquiry: ${created.status} ${JSON.stringify(created.body)}`);
  return { therapist, patients, region, id: created.body.anfrage_id as number, created: created.body };
}

/** The token of the first answer link of a kind in an e-mail text ("Platz anbieten: https://…/api/antwort/<token>"). */
export function linkToken(text: string, label = "Platz anbieten"): string {
  const m = new RegExp(`${label}: \\S+/api/antwort/([\\w.-]+)`).exec(text);
  if (!m) throw new Error(`no '${label}' link in: ${text}`);
  return m[1];
}

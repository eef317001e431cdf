import { Client } from "pg";
import { MailQueue } from "../../../services/communication/mail/queue";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { startSmtpSink } from "../../helpers/smtp-sink";

const N = 300;
const quiet = { warn: () => undefined, error: () => undefined };

/** Inserts queued e-mails the way the service stores them (plain bodies are read as-is by the sender). */
async function queueEmails(pg: Client, n: number, prefix: string): Promise<number[]> {
  const { rows } = await pg.query(
    `INSERT INTO communication_service.emails (patient_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
       absender_email, absender_name, status, in_warteschlange_am, message_id, typ)
     SELECT i, 'Nachricht ' || i, '<p>Grüße ' || i || '</p>', 'Grüße ' || i, 'p' || i || '@example.org', 'Person ' || i,
            'team@example.org', 'Team', 'In_Warteschlange', now(), '<' || $2 || '-' || i || '@test>', 'manuell'
       FROM generate_series(1, $1) i RETURNING id`,
    [n, prefix],
  );
  return rows.map((r) => r.id);
}

describe("e-mail queue with several senders on one database (decisions.md 16)", () => {
  let db: TestDatabase;
  let pg: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await db.drop();
  });

  it("sends every e-mail exactly once and marks it Gesendet once, whichever node takes it", async () => {
    const smtp = await startSmtpSink();
    const env = { SMTP_URL: smtp.url, EMAIL_QUEUE_INTERVAL_MS: "50", EMAIL_QUEUE_BATCH_SIZE: "20" };
    const nodes: TestBroker[] = [];
    for (let i = 0; i < 3; i++)
      nodes.push(await startBroker({ groups: ["communication"], databaseUrl: db.url, env }));
    try {
      const ids = await queueEmails(pg, N, "multi");
      for (let i = 0; i < 600; i++) {
        const { rows } = await pg.query(
          "SELECT count(*)::int AS n FROM communication_service.emails WHERE status = 'Gesendet' AND id = ANY($1)",
          [ids],
        );
        if (rows[0].n === N) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const ours = smtp.mails.filter((m) => m.messageId?.startsWith("<multi-"));
      expect(ours).toHaveLength(N);
      expect(new Set(ours.map((m) => m.messageId)).size).toBe(N);
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n, count(DISTINCT envelope->'payload'->>'email_id')::int AS d
           FROM platform.outbox WHERE event_type = 'email.sent'`,
      );
      expect(rows[0]).toEqual({ n: N, d: N });
      const mail = ours.find((m) => m.messageId === "<multi-7@test>")!;
      expect(mail.to).toEqual(["p7@example.org"]);
      expect(mail.text).toContain("Grüße 7");
    } finally {
      for (const n of nodes) await n.stop();
      await smtp.stop();
    }
  }, 90_000);

  it("lets a sender whose lease ran out neither undo the new claim nor mark the e-mail twice", async () => {
    const node = await startBroker({
      groups: ["communication"],
      databaseUrl: db.url,
      env: { EMAIL_QUEUE_INTERVAL_MS: "600000", EMAIL_SENDING_LEASE_SECONDS: "5" },
    });
    try {
      const svc = node.broker.getLocalService("communication") as any;
      await svc.queue.stop(); // this test drives the senders by hand
      const failing = {
        sinkDir: null,
        close: () => undefined,
        sendMail: () => Promise.reject(new Error("451 later")),
      };
      const ok = { sinkDir: null, close: () => undefined, sendMail: () => Promise.resolve({}) };
      const stale = new MailQueue(svc.db, svc.emails, svc.config, failing, quiet) as any;
      const fresh = new MailQueue(svc.db, svc.emails, svc.config, ok, quiet) as any;
      const [id] = await queueEmails(pg, 1, "lease");
      const [first] = await stale.claim();
      expect(first.id).toBe(id);
      // The first sender hangs past its lease: the e-mail is taken over with a new claim token.
      await pg.query(
        "UPDATE communication_service.emails SET sendevorgang_seit = now() - interval '6 seconds' WHERE id = $1",
        [id],
      );
      const [second] = await fresh.claim();
      expect(second.id).toBe(id);
      expect(second.sende_token).not.toBe(first.sende_token);
      expect(second.wiederholungsanzahl).toBe(1);

      await stale.markFailed(first, new Error("451 later"));
      const mid = (
        await pg.query("SELECT status, sende_token FROM communication_service.emails WHERE id = $1", [id])
      ).rows[0];
      expect(mid).toEqual({ status: "Wird_gesendet", sende_token: second.sende_token });

      expect(await fresh.markSent([second])).toBe(1);
      expect(await fresh.markSent([first])).toBe(0);
      const events = await pg.query(
        "SELECT count(*)::int AS n FROM platform.outbox WHERE event_type = 'email.sent' AND envelope->'payload'->>'email_id' = $1",
        [String(id)],
      );
      expect(events.rows[0].n).toBe(1);
    } finally {
      await node.stop();
    }
  });
});

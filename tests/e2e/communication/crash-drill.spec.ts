import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { Client } from "pg";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { startSmtpSink } from "../../helpers/smtp-sink";

const WORKER = path.resolve(__dirname, "../../fixtures/mail-worker.ts");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(db: string, smtp: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [db, smtp], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    child.once("message", () => resolve(child));
    child.once("error", reject);
  });
}

async function until(what: string, fn: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * quality.md R2 / decisions.md 16: a sender process is killed (SIGKILL) after the SMTP server accepted its
 * e-mails and while its status update is in flight. After a restart every e-mail is marked Gesendet exactly
 * once, with one email.sent event, and the resend carries the same Message-ID.
 */
describe("e-mail crash drill", () => {
  let db: TestDatabase;
  let pg: Client;
  let holder: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    holder = new Client({ connectionString: db.url });
    await pg.connect();
    await holder.connect();
  });
  afterAll(async () => {
    await pg.end();
    await holder.end().catch(() => undefined);
    await db.drop();
  });

  it("marks each e-mail Gesendet once after kill -9 between SMTP acceptance and the status update", async () => {
    const ids: number[] = [];
    let locked = false;
    // When the first message arrives, hold row locks on the e-mails (the sender claimed them already), then
    // let the server answer 250: the sender's "mark Gesendet" must wait, and we kill it while it waits.
    const smtp = await startSmtpSink({
      beforeAccept: async () => {
        if (locked) return;
        locked = true;
        await holder.query("BEGIN");
        await holder.query("SELECT id FROM communication_service.emails WHERE id = ANY($1) FOR UPDATE", [
          ids,
        ]);
      },
    });
    const first = await startWorker(db.url, smtp.url);
    const { rows } = await pg.query(
      `INSERT INTO communication_service.emails (patient_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
         absender_email, absender_name, status, in_warteschlange_am, message_id, typ)
       SELECT i, 'Drill ' || i, '<p>Drill</p>', 'Drill', 'p' || i || '@example.org', 'P', 'info@example.org', 'Test',
              'In_Warteschlange', now(), '<drill-' || i || '@test>', 'manuell'
         FROM generate_series(1, 3) i RETURNING id`,
    );
    ids.push(...rows.map((r) => r.id));

    await until("all three accepted by the SMTP server", async () => smtp.mails.length === 3);
    await until("the sender blocked in its status update", async () => {
      const r = await pg.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%Gesendet%'`,
      );
      return r.rows[0].n > 0;
    });
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    await holder.query("ROLLBACK");
    const mid = await pg.query("SELECT status FROM communication_service.emails WHERE id = ANY($1)", [ids]);
    expect(mid.rows.map((r) => r.status)).toEqual(["Wird_gesendet", "Wird_gesendet", "Wird_gesendet"]);

    const second = await startWorker(db.url, smtp.url);
    await until("all marked after the lease", async () => {
      const r = await pg.query(
        "SELECT count(*)::int AS n FROM communication_service.emails WHERE status = 'Gesendet' AND id = ANY($1)",
        [ids],
      );
      return r.rows[0].n === 3;
    });
    second.kill("SIGTERM");
    await new Promise((r) => second.once("exit", r));

    const done = await pg.query(
      "SELECT message_id, wiederholungsanzahl, gesendet_am FROM communication_service.emails WHERE id = ANY($1) ORDER BY id",
      [ids],
    );
    expect(done.rows.map((r) => r.wiederholungsanzahl)).toEqual([1, 1, 1]);
    // Each e-mail reached the server twice, both times with its own fixed Message-ID.
    for (const r of done.rows) expect(smtp.mails.filter((m) => m.messageId === r.message_id)).toHaveLength(2);
    expect(smtp.mails).toHaveLength(6);
    const events = await pg.query(
      `SELECT envelope->'payload'->>'email_id' AS id, count(*)::int AS n FROM platform.outbox
        WHERE event_type = 'email.sent' GROUP BY 1 ORDER BY 1`,
    );
    expect(events.rows).toEqual(ids.map((id) => ({ id: String(id), n: 1 })));
    await smtp.stop();
  }, 60_000);
});

import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { Client } from "pg";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { startSmtpSink } from "../../helpers/smtp-sink";

const WORKER = path.resolve(__dirname, "../../fixtures/mail-worker.ts");

function startWorker(db: string, smtp: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [db, smtp], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    child.once("message", () => resolve(child));
    child.once("error", reject);
  });
}

/** quality.md R2: a sender killed between SMTP acceptance and the status update loses nothing and sends with the same Message-ID. */
describe("e-mail crash drill", () => {
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

  it("marks the e-mail Gesendet exactly once after a kill -9 and resends it with the same Message-ID", async () => {
    let child: ChildProcess | null = null;
    let killedBeforeUpdate = false;
    const smtp = await startSmtpSink();
    // Kill the worker the moment the SMTP server has the message, before its status update can land.
    const origPush = smtp.mails.push.bind(smtp.mails);
    smtp.mails.push = (...m) => {
      const n = origPush(...m);
      if (child && !child.killed && smtp.mails.length === 1) {
        child.kill("SIGKILL");
        killedBeforeUpdate = true;
      }
      return n;
    };
    child = await startWorker(db.url, smtp.url);
    const { rows } = await pg.query(
      `INSERT INTO communication_service.emails (patient_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
         absender_email, absender_name, status, in_warteschlange_am, message_id, typ)
       VALUES (1, 'Drill', '<p>x</p>', 'x', 'p@example.org', 'P', 'info@example.org', 'Test', 'In_Warteschlange', now(), '<drill-1@test>', 'manuell')
       RETURNING id`,
    );
    const id = rows[0].id;
    for (let i = 0; i < 100 && !killedBeforeUpdate; i++) await new Promise((r) => setTimeout(r, 50));
    expect(killedBeforeUpdate).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const mid = await pg.query("SELECT status FROM communication_service.emails WHERE id = $1", [id]);
    expect(mid.rows[0].status).toBe("Wird_gesendet");

    const second = await startWorker(db.url, smtp.url);
    for (let i = 0; i < 200; i++) {
      const r = await pg.query("SELECT status FROM communication_service.emails WHERE id = $1", [id]);
      if (r.rows[0].status === "Gesendet") break;
      await new Promise((r2) => setTimeout(r2, 100));
    }
    second.kill("SIGTERM");
    const done = await pg.query(
      "SELECT status, gesendet_am FROM communication_service.emails WHERE id = $1",
      [id],
    );
    expect(done.rows[0].status).toBe("Gesendet");
    expect(smtp.mails.length).toBe(2);
    expect(smtp.mails.map((m) => m.messageId)).toEqual(["<drill-1@test>", "<drill-1@test>"]);
    const events = await pg.query(
      "SELECT count(*)::int AS n FROM platform.outbox WHERE event_type = 'email.sent'",
    );
    expect(events.rows[0].n).toBe(1);
    await smtp.stop();
  }, 60_000);
});

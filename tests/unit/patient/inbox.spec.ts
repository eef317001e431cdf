import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RegistrationInbox } from "../../../services/patient/import/inbox";

describe("registration folder", () => {
  let dir: string;
  let inbox: RegistrationInbox;
  const NOW = Date.parse("2026-11-22T10:00:00Z");
  const put = (name: string, ageMs = 60_000, content = "{}") => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const t = new Date(NOW - ageMs);
    fs.utimesSync(file, t, t);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "patient-inbox-"));
    inbox = new RegistrationInbox(dir);
    inbox.ensure();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists settled JSON files oldest first, skipping hidden, other and fresh files", () => {
    put("b.json", 120_000);
    put("a.json", 60_000);
    put(".upload.json");
    put("notes.txt");
    put("fresh.json", 500);
    expect(inbox.pending(NOW, 2000)).toEqual(["b.json", "a.json"]);
  });

  it("lets only one claimant take a file, under a name that says nothing about the person", () => {
    put("Lea_Muster_Anmeldung.json");
    const claimed = inbox.claim("Lea_Muster_Anmeldung.json", new Date(NOW));
    expect(claimed).toMatch(/^registration-20261122T100000Z-[0-9a-f]{8}\.json$/);
    expect(inbox.claim("Lea_Muster_Anmeldung.json", new Date(NOW))).toBeNull();
    expect(inbox.pending(NOW, 0)).toEqual([]);
    expect(fs.readdirSync(path.join(dir, "processing"))).toEqual([claimed]);
  });

  it("keeps a failed file with its error next to it, without overwriting an earlier failure", () => {
    const stored: string[] = [];
    for (let i = 0; i < 2; i++) {
      put("Lea_Muster.json", 60_000, `{"n":${i}}`);
      const claimed = inbox.claim("Lea_Muster.json", new Date(NOW))!;
      stored.push(inbox.fail(claimed, "Missing patient_data", new Date(NOW)));
    }
    const names = fs.readdirSync(path.join(dir, "failed"));
    expect(names).toHaveLength(4);
    expect(names.join()).not.toContain("Muster");
    expect(fs.readFileSync(path.join(dir, `${stored[0]}.error.txt`), "utf8")).toContain(
      "Missing patient_data",
    );
    expect(fs.readFileSync(path.join(dir, stored[1]), "utf8")).toBe('{"n":1}');
  });

  it("moves imported files to processed/ and purges kept files after their retention only", () => {
    put("r.json");
    const claimed = inbox.claim("r.json", new Date(NOW - 31 * 86_400_000))!;
    expect(inbox.succeed(claimed)).toBe(`processed/${claimed}`);
    put("f.json");
    inbox.fail(inbox.claim("f.json", new Date(NOW - 8 * 86_400_000))!, "broken", new Date(NOW));
    expect(inbox.purge("processed", NOW, 0)).toBe(0);
    expect(inbox.purge("processed", NOW, 60)).toBe(0);
    expect(inbox.purge("processed", NOW, 30)).toBe(1);
    expect(fs.readdirSync(path.join(dir, "processed"))).toEqual([]);
    // The failed file is 8 days old, its error note new: each goes by its own age.
    expect(inbox.purge("failed", NOW, 7)).toBe(1);
    expect(fs.readdirSync(path.join(dir, "failed"))).toHaveLength(1);
  });

  it("finds the failed files of one person by their content", () => {
    put("a.json", 60_000, '{"patient_data": {"email": "lea@example.org"}}');
    put("b.json", 60_000, '{"patient_data": {"email": "otto@example.org"}}');
    const a = inbox.fail(inbox.claim("a.json", new Date(NOW))!, "x", new Date(NOW));
    inbox.fail(inbox.claim("b.json", new Date(NOW))!, "x", new Date(NOW));
    expect(inbox.failedWhere((c) => c.includes("lea@example.org"))).toEqual([a]);
  });

  it("puts back claims left by a node that stopped, but not fresh ones", () => {
    put("old.json");
    put("new.json");
    const old = inbox.claim("old.json", new Date(NOW - 20 * 60_000));
    inbox.claim("new.json", new Date(NOW - 60_000));
    expect(inbox.recoverStale(NOW, 15 * 60_000)).toEqual([old]);
    expect(inbox.pending(NOW + 60 * 60_000, 0)).toEqual([old]);
  });

  it("removes kept files on request but nothing outside the folder", () => {
    put("r.json");
    const stored = inbox.succeed(inbox.claim("r.json", new Date(NOW))!);
    const outside = path.join(os.tmpdir(), `outside-${process.pid}.json`);
    fs.writeFileSync(outside, "{}");
    expect(inbox.remove(`../${path.basename(outside)}`)).toBe(false);
    expect(fs.existsSync(outside)).toBe(true);
    fs.rmSync(outside);
    expect(inbox.remove(stored)).toBe(true);
    expect(fs.existsSync(path.join(dir, stored))).toBe(false);
  });
});

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

  it("lets only one claimant take a file", () => {
    put("r.json");
    expect(inbox.claim("r.json", new Date(NOW))).toBe(true);
    expect(inbox.claim("r.json", new Date(NOW))).toBe(false);
    expect(inbox.pending(NOW, 0)).toEqual([]);
  });

  it("keeps a failed file with its error next to it, without overwriting an earlier failure", () => {
    for (let i = 0; i < 2; i++) {
      put("r.json", 60_000, `{"n":${i}}`);
      inbox.claim("r.json", new Date(NOW));
      inbox.fail("r.json", "Missing patient_data", new Date(NOW));
    }
    expect(fs.readdirSync(path.join(dir, "failed")).sort()).toEqual([
      "r-2.json",
      "r-2.json.error.txt",
      "r.json",
      "r.json.error.txt",
    ]);
    expect(fs.readFileSync(path.join(dir, "failed", "r.json.error.txt"), "utf8")).toContain(
      "Missing patient_data",
    );
    expect(fs.readFileSync(path.join(dir, "failed", "r-2.json"), "utf8")).toBe('{"n":1}');
  });

  it("moves imported files to processed/ and purges them after the retention only", () => {
    put("r.json");
    inbox.claim("r.json", new Date(NOW - 31 * 86_400_000));
    expect(inbox.succeed("r.json")).toBe("processed/r.json");
    expect(inbox.purgeProcessed(NOW, 0)).toBe(0);
    expect(inbox.purgeProcessed(NOW, 60)).toBe(0);
    expect(inbox.purgeProcessed(NOW, 30)).toBe(1);
    expect(fs.readdirSync(path.join(dir, "processed"))).toEqual([]);
  });

  it("puts back claims left by a node that stopped, but not fresh ones", () => {
    put("old.json");
    put("new.json");
    inbox.claim("old.json", new Date(NOW - 20 * 60_000));
    inbox.claim("new.json", new Date(NOW - 60_000));
    expect(inbox.recoverStale(NOW, 15 * 60_000)).toEqual(["old.json"]);
    expect(inbox.pending(NOW + 60 * 60_000, 0)).toEqual(["old.json"]);
  });

  it("removes kept files on request but nothing outside the folder", () => {
    put("r.json");
    inbox.claim("r.json", new Date(NOW));
    const stored = inbox.succeed("r.json");
    const outside = path.join(os.tmpdir(), `outside-${process.pid}.json`);
    fs.writeFileSync(outside, "{}");
    expect(inbox.remove(`../${path.basename(outside)}`)).toBe(false);
    expect(fs.existsSync(outside)).toBe(true);
    fs.rmSync(outside);
    expect(inbox.remove(stored)).toBe(true);
    expect(fs.existsSync(path.join(dir, stored))).toBe(false);
  });
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { findEmail } from "../../../services/therapist/import/email";
import { MAX_LINE_CHARS, parseSavedPage } from "../../../services/therapist/import/html";
import { parseSavedPageFile } from "../../../services/therapist/import/parse-file";

const page = (inner: string) =>
  `<html><body><div id="app"><div class="outer-list-container"><div class="search-results-container">${inner}</div></div></div></body></html>`;

/** issue 11: the saved-page parser is linear in the page (no backtracking pattern, no recursion). */
describe("saved-page parser on hostile input", () => {
  it("finds the same e-mail address as the pattern it replaces", () => {
    const EMAIL = /[^\s@:]+@[^\s@]+\.[A-Za-z]{2,}/;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "B", "1", "@", ".", ":", " ", "\u00a0", "-", "ä") }),
        (s) => {
          expect(findEmail(s)).toBe(EMAIL.exec(s)?.[0] ?? null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads a 2 MB line of e-mail-like text in linear time (the old pattern needed minutes)", () => {
    const line = `${"praxis".repeat(200_000)}@${"beispiel.1".repeat(100_000)}`;
    const started = Date.now();
    expect(findEmail(line)).toBeNull();
    expect(findEmail(`${line} a@b.de`)).toBe("a@b.de");
    const blocks = parseSavedPage(
      page(`<div>Frau Dr. Anna Beispiel</div><div>04107 Leipzig</div><div>${line}</div>`),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(blocks).toEqual([
      {
        ok: false,
        label: "Frau Dr. Anna Beispiel",
        error: `Failed to parse HTML result: a line longer than ${MAX_LINE_CHARS} characters`,
      },
    ]);
  });

  it("reads 200,000 nested elements without recursion (the old walk overflowed the stack at 100,000)", () => {
    const n = 200_000;
    const started = Date.now();
    const blocks = parseSavedPage(
      page(
        `<div>Frau Dr. Anna Beispiel</div><div>04107 Leipzig</div>${"<span>".repeat(n)}x${"</span>".repeat(n)}` +
          `${"<div>".repeat(n)}${"</b>".repeat(n)}`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(blocks).toMatchObject([{ ok: true, record: { name: "Beispiel", plz: "04107" } }]);
  });

  describe("in a worker thread", () => {
    let dir: string;
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "parse-file-"))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads the fixture page like the in-memory parser", async () => {
      const fixture = path.resolve(__dirname, "../../fixtures/116117/saved-page.html");
      const r = await parseSavedPageFile(fixture, { timeoutMs: 60_000, maxHeapMb: 256 });
      expect(r).toEqual({ ok: true, blocks: parseSavedPage(fs.readFileSync(fixture, "utf8")) });
    }, 90_000);

    it("stops a parse past its time limit and reports the file as failed", async () => {
      const file = path.join(dir, "gross.html");
      fs.writeFileSync(
        file,
        page("<div>Frau Dr. Anna Beispiel</div>" + "<p>04107 Leipzig</p>".repeat(500_000)),
      );
      const r = await parseSavedPageFile(file, { timeoutMs: 100, maxHeapMb: 256 });
      expect(r).toEqual({
        ok: false,
        error: expect.stringMatching(
          /^Unreadable file: reading the page took longer than 0\.1 s \(THERAPIST_IMPORT_PARSE_TIMEOUT_MS\)/,
        ),
      });
    }, 90_000);

    it("refuses a file that is not UTF-8", async () => {
      const file = path.join(dir, "latin1.html");
      fs.writeFileSync(file, Buffer.from([0x3c, 0x70, 0x3e, 0xe4, 0x3c]));
      expect(await parseSavedPageFile(file, { timeoutMs: 60_000, maxHeapMb: 256 })).toEqual({
        ok: false,
        error: "Unreadable file: not UTF-8 text",
      });
    }, 90_000);
  });
});

import { fromFile, fromJson, plzOfFileName } from "../../../services/therapist/import/input";
import { planFolderImport, type FolderEntry } from "../../../services/therapist/domain/folder-plan";
import { changesFor } from "../../../services/therapist/import/identity";
import { fromSnapshot } from "../../../services/therapist/import/mapping";

const buf = (s: string) => Buffer.from(s, "utf8");

describe("import input detection", () => {
  it("tells snapshot and 116117 files apart by their shape", () => {
    const snap = fromFile("52062.json", buf('{"metadata":{"complete":false},"therapists":[]}'));
    expect(snap).toMatchObject({ ok: true, input: { source: "snapshot", plz: "52062", truncated: true } });
    const raw = fromFile("leipzig.json", buf('{"moreResults":true,"arztPraxisDatas":[{}]}'));
    expect(raw).toMatchObject({ ok: true, input: { source: "116117", plz: null, truncated: true } });
    const wrapped = fromJson({ plz: "04107", snapshot: { therapists: [] } });
    expect(wrapped).toMatchObject({
      ok: true,
      input: { source: "snapshot", plz: "04107", truncated: false },
    });
    expect(
      fromFile("export.json", buf('{"metadata":{"postcode_area":"04107"},"therapists":[]}')),
    ).toMatchObject({
      input: { plz: "04107" },
    });
  });

  it("names what is wrong with a file", () => {
    expect(fromFile("list.xlsx", buf("x"))).toMatchObject({ ok: false, kind: "unsupported" });
    expect(fromFile("a.json", buf(""))).toMatchObject({
      ok: false,
      kind: "unreadable",
      error: "Unreadable file: the file is empty",
    });
    expect(fromFile("a.json", buf("{broken"))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Unreadable file: invalid JSON/),
    });
    expect(fromFile("a.json", buf('{"foo":1}'))).toMatchObject({ ok: false, kind: "missing" });
    expect(fromFile("a.json", buf('{"therapists":{}}'))).toMatchObject({
      error: "Invalid file structure: missing therapists array",
    });
    expect(fromFile("a.json", Buffer.from([0xff, 0xfe, 0x7b]))).toMatchObject({
      error: "Unreadable file: not UTF-8 text",
    });
    expect(fromFile("page.html", buf("<html><body>Nichts</body></html>"))).toMatchObject({
      ok: false,
      kind: "unreadable",
    });
    expect(fromJson({ plz: "5206", snapshot: { therapists: [] } })).toMatchObject({
      ok: false,
      error: "Invalid PLZ '5206'. Must be 5 digits",
    });
  });

  it("takes the PLZ of snapshot files from their name", () => {
    expect(plzOfFileName("/x/20250115/52062.json")).toBe("52062");
    expect(plzOfFileName("notes.json")).toBeNull();
  });
});

describe("folder plan (domain.md 3.17, external-apis.md 1.8)", () => {
  const e = (root: FolderEntry["root"], date: string, plz: string) => ({
    root,
    date,
    plz,
    id: `${root}/${date}/${plz}`,
  });

  it("imports per PLZ only the newest date folder, the urgent folder first", () => {
    const plan = planFolderImport([
      e("regular", "20250110", "52062"),
      e("regular", "20250115", "52062"),
      e("regular", "20250101", "04107"),
      e("urgent", "20250112", "10115"),
      e("urgent", "20250111", "10115"),
    ]);
    expect(plan.map((p) => p.id)).toEqual([
      "urgent/20250112/10115",
      "regular/20250101/04107",
      "regular/20250115/52062",
    ]);
  });

  it("leaves out a regular file that an urgent file of the same or a newer day supersedes", () => {
    const plan = planFolderImport([
      e("regular", "20250115", "52062"),
      e("urgent", "20250115", "52062"),
      e("regular", "20250120", "04107"),
      e("urgent", "20250110", "04107"),
    ]);
    expect(plan.map((p) => p.id)).toEqual([
      "urgent/20250110/04107",
      "urgent/20250115/52062",
      "regular/20250120/04107",
    ]);
  });
});

describe("change detection", () => {
  it("sees no change in phone hours that only come back from jsonb in another key order", () => {
    const v = fromSnapshot({
      basic_info: { first_name: "Anna", last_name: "B" },
      location: { postal_code: "04107" },
      therapy_methods: ["Verhaltenstherapie für Erwachsene"],
      telephone_hours: { monday: ["9:00-10:00"], tuesday: ["8:00-9:00"], thursday: ["12:00-13:00"] },
    });
    if (!v.ok) throw new Error("mapping failed");
    // As PostgreSQL returns it: keys ordered by length, then bytes.
    const stored = {
      ...v.value,
      telefonische_erreichbarkeit: {
        montag: ["09:00-10:00"],
        dienstag: ["08:00-09:00"],
        donnerstag: ["12:00-13:00"],
      },
    };
    expect(changesFor(stored, v.value)).toEqual({});
    expect(
      changesFor({ ...stored, telefonische_erreichbarkeit: { montag: ["09:00-10:00"] } }, v.value),
    ).toHaveProperty("telefonische_erreichbarkeit");
  });
});

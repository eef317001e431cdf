import * as fs from "node:fs";
import * as path from "node:path";
import {
  buildSnapshots,
  mergeSnapshot,
  sourceId,
  telephoneHours,
  toSnapshotRecord,
} from "../../../services/scraper/domain/snapshot";
import { fromSnapshot } from "../../../services/therapist/import/mapping";

const leipzig = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../fixtures/116117/leipzig-arztsuche.json"), "utf8"),
);
const NOW = "2026-11-22T06:00:00.000Z";

describe("116117 records as snapshot records (external-apis.md 1.8)", () => {
  it("keeps persons only and takes phone hours from both time-slot shapes", () => {
    const [anna, bernd] = leipzig.arztPraxisDatas;
    expect(telephoneHours(anna.tsz)).toEqual({
      monday: ["09:10-10:00"],
      thursday: ["12:00-12:50", "17:00-17:30"],
    });
    expect(telephoneHours(bernd.tsz)).toEqual({ tuesday: ["08:00-09:00"] });
    expect(toSnapshotRecord(leipzig.arztPraxisDatas[4], NOW)).toBeNull();
    expect(toSnapshotRecord(anna, NOW)).toMatchObject({
      id: "100234",
      basic_info: { salutation: "Frau", title: "Dr.", first_name: "Anna", last_name: "Beispiel" },
      location: {
        street: "Musterstraße",
        house_number: "12a",
        postal_code: "04107",
        city: "Leipzig",
        latitude: 51.3301,
      },
      contact: { phone: "0341 1234567", email: "praxis@beispiel.example" },
      languages: ["Englisch"],
    });
  });

  it("round-trips through the importer's snapshot mapping like the raw record (structured offers get the age group)", () => {
    for (const r of leipzig.arztPraxisDatas) {
      const snap = toSnapshotRecord(r, NOW);
      if (!snap) continue;
      const m = fromSnapshot(snap);
      if (r.name === "Kindlich") expect(m).toMatchObject({ ok: false, skip: true });
      if (r.name === "Meyer -Schulz")
        expect(m).toMatchObject({
          ok: true,
          value: { psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie", latitude: 51.34 },
        });
    }
  });

  it("groups by PLZ, one file each, and says whether the scrape was complete", () => {
    const files = buildSnapshots(leipzig.arztPraxisDatas, {
      now: NOW,
      date: "20261122",
      jobId: 7,
      complete: false,
    });
    expect(files.map((f) => f.plz)).toEqual(["04103", "04105", "04107", "04109"]);
    expect(files[2].content.metadata).toEqual({
      scrape_id: "04107_20261122_job7",
      scrape_date: NOW,
      postcode_area: "04107",
      total_therapists: 1,
      source: "116117.de",
      job_id: 7,
      complete: false,
    });
    // 04109: Bernd and the record without first name (the importer reports it); the MVZ is left out.
    expect(files[3].content.therapists.map((t) => t.id)).toEqual(["100235", "100239"]);
  });

  it("merges two files of one day and PLZ by id, the newer record winning", () => {
    const a = buildSnapshots(leipzig.arztPraxisDatas, { now: NOW, date: "d", jobId: 1, complete: true })[3]
      .content;
    const b = {
      metadata: { ...a.metadata, job_id: 2, complete: true },
      therapists: [{ ...a.therapists[0], status: "newer" }, { id: "x1" }],
    };
    const m = mergeSnapshot(a, b);
    expect(m.therapists.map((t) => t.id)).toEqual(["100235", "100239", "x1"]);
    expect(m.therapists[0].status).toBe("newer");
    expect(m.metadata).toMatchObject({ total_therapists: 3, job_id: 2, complete: true });
    expect(mergeSnapshot({ ...a, metadata: { complete: false } }, b).metadata.complete).toBe(false);
  });

  it("de-duplicates by 116117 id, else by name and address", () => {
    expect(sourceId({ id: 4711 })).toBe("4711");
    expect(sourceId({ vorname: "A", name: "B", plz: "04107" })).toBe(
      sourceId({ vorname: "A", name: "B", plz: "04107", id: "" }),
    );
  });
});

import * as fs from "node:fs";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";

const snapshot = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../fixtures/116117/snapshot-04107.json"), "utf8"),
);

/** issue 12.7: the therapist import status carries the earlier system's fields. */
describe("therapist import status", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["therapist"] });
  }, 120_000);
  afterAll(() => api.stop());

  it("reports running, last_check and the file and therapist counters of today and in total", async () => {
    const before = (await api.staff("GET", "/api/therapists/import-status")).body;
    expect(before).toMatchObject({
      running: false,
      last_check: null,
      files_processed_today: 0,
      therapists_processed_today: 0,
      total_files_processed: 0,
    });
    const r = await api.admin("POST", "/api/therapists/import", { plz: "04107", snapshot });
    expect(r.status).toBe(200);
    const again = await api.admin("POST", "/api/therapists/import", { plz: "04107", snapshot });
    expect(again.status).toBe(200);
    const after = (await api.staff("GET", "/api/therapists/import-status")).body;
    expect(after).toMatchObject({
      running: false,
      files_processed_today: 2,
      therapists_processed_today: r.body.success + again.body.success,
      total_files_processed: 2,
    });
  });
});

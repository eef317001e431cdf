import * as fs from "node:fs";
import * as path from "node:path";
import { availableGroups } from "../../../mixins/platform";
import { routeLine, routeRows } from "../../../scripts/route-rows";
import { startBroker, type TestBroker } from "../../helpers/broker";

/** Issue 18: the route table in docs/api.md is the gateway's live one (regenerate: scripts/route-table.ts). */
describe("docs/api.md route table", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: availableGroups(), env: { JOBS_ENABLED: "false" } });
  }, 60_000);
  afterAll(() => tb?.stop());

  it("lists exactly the live routes with their roles", () => {
    const file = path.resolve(__dirname, "../../../docs/api.md");
    const documented = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .map((text, i) => ({ text, no: i + 1 }))
      .filter((l) => /^\| (GET|POST|PUT|PATCH|DELETE|ANY) \|/.test(l.text));
    const live = routeRows(tb.broker).map(routeLine);
    const problems = [
      ...documented
        .filter((l) => !live.includes(l.text))
        .map((l) => `docs/api.md:${l.no}: not a live route: ${l.text}`),
      ...live
        .filter((r) => !documented.some((l) => l.text === r))
        .map((r) => `docs/api.md: live route missing: ${r} (run scripts/route-table.ts)`),
    ];
    expect(problems).toEqual([]);
  });
});

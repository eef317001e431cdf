import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig, processEnv } from "../config";
import { availableGroups, createBroker } from "../mixins/platform";
import { routeLine, routeRows } from "./route-rows";

// `DATABASE_URL=… node --import tsx scripts/route-table.ts`: writes docs/api.md from the gateway's live routes.
// Everything from the hand-written "## Differences from the earlier system" section on is kept as it is.
const HANDWRITTEN = "\n## Differences from the earlier system";
async function main() {
  const cfg = loadConfig({ ...processEnv(), PORT: "0", LOG_LEVEL: "error", JOBS_ENABLED: "false" });
  const broker = createBroker(cfg, availableGroups(), { logger: false });
  await broker.start();
  const rows = routeRows(broker);
  await broker.stop();
  const lines = [
    "# Routes and roles",
    "",
    "Generated from the gateway's live route table by `scripts/route-table.ts`; the contract is in",
    "`../shared/spec/api.md` and the behaviour in the area guides (patients.md, matching.md, …).",
    "`public` needs no token; `staff` needs a login; `admin` needs an admin login.",
    "",
    "| method | path | role | action |",
    "|---|---|---|---|",
    ...rows.map(routeLine),
  ];
  const file = path.resolve(__dirname, "../docs/api.md");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const kept = old.includes(HANDWRITTEN) ? old.slice(old.indexOf(HANDWRITTEN)) : "";
  fs.writeFileSync(file, lines.join("\n") + "\n" + kept);
  console.log(`${rows.length} routes written to docs/api.md`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

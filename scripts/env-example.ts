import * as fs from "node:fs";
import * as path from "node:path";
import { renderEnvExample } from "../config/env-example";

// `npm run env:example`: rewrites .env.example from the config schema (a test fails when it is stale).
fs.writeFileSync(path.resolve(__dirname, "../.env.example"), renderEnvExample());
console.log("wrote .env.example");

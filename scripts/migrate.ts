import { loadConfig, processEnv } from "../config";
import { acquireSequelize, databaseUrl, releaseSequelize } from "../mixins/db/connection";
import { migrate } from "../mixins/db/migrations";

// `npm run migrate`: apply pending migrations to DATABASE_URL (start-up does this too).
async function main() {
  const cfg = loadConfig(processEnv());
  const sequelize = acquireSequelize(cfg);
  const applied = await migrate(sequelize, databaseUrl(cfg));
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date");
  await releaseSequelize(sequelize);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

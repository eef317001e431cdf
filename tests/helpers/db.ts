import { TEMPLATE_ENV, urlFor, withAdmin } from "./pg-admin";

let counter = 0;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database for one test file (cloned from this run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  // eslint-disable-next-line no-restricted-properties -- set by global setup
  const template = process.env[TEMPLATE_ENV];
  if (!template)
    throw new Error("No template database: run service/api tests through jest's service/api projects");
  const ppid = template.split("_")[1];
  const name = `t_${ppid}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (e) {
        // Two clones may not start from one template at the same instant; retry shortly.
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

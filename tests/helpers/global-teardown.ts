import { TEMPLATE_ENV, withAdmin } from "./pg-admin";

export default async function globalTeardown(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- set by global setup
  const name = process.env[TEMPLATE_ENV];
  if (!name) return;
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => undefined);
}

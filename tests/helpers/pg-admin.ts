import { Client } from "pg";

export const TEST_ENCRYPTION_KEY = "test-key-0123456789-abcdef";
/** Server mode needs both secrets from the environment (config/keys.ts); every test node shares these. */
export const TEST_KEYS = {
  ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  ANSWER_LINK_SECRET: "test-link-secret-0123456789",
  AUDIT_CHAIN_SECRET: "test-audit-secret-0123456789",
};
import { loadConfig, processEnv } from "../../config";

/** Test-only: the server on which throwaway databases are created (TEST_DATABASE_ADMIN_URL). */
export const adminUrl = (): string =>
  loadConfig({ ...processEnv(), ...TEST_KEYS }).core.testDatabaseAdminUrl as string;

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl() });
  c.on("error", () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The template database name of this jest run (set by global setup, inherited by workers). */
export const TEMPLATE_ENV = "THERAPIEPLATZ_TEST_TEMPLATE";

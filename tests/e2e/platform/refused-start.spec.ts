import { freePort, startNodeProcess } from "../../helpers/node-process";

/**
 * Issue 18: an operator who starts a node with a configuration the platform refuses reads the list of
 * problems and the process ends with code 1; no stack trace, no half-started node.
 */
describe("a refused start", () => {
  it("lists every missing key for the operator and exits with code 1", async () => {
    const node = startNodeProcess(
      "postgres://postgres@127.0.0.1:5432/never_used",
      await freePort(),
      ["api"],
      {
        ENCRYPTION_KEY: "",
        AUDIT_CHAIN_SECRET: "",
      },
    );
    node.ready.catch(() => undefined);
    expect(await node.exited).toBe(1);
    const out = node.output();
    expect(out).toContain("Start refused. Invalid configuration:");
    expect(out).toMatch(
      /ENCRYPTION_KEY, AUDIT_CHAIN_SECRET must be set when DATABASE_URL or TRANSPORTER is set/,
    );
    expect(out).toMatch(/AUDIT_CHAIN_SECRET/);
    expect(out).not.toMatch(/^\s+at /m);
  });

  it("lists every placeholder of a production start at once", async () => {
    const node = startNodeProcess(
      "postgres://postgres@127.0.0.1:5432/never_used",
      await freePort(),
      ["api"],
      {
        NODE_ENV: "production",
      },
    );
    node.ready.catch(() => undefined);
    expect(await node.exited).toBe(1);
    const out = node.output();
    expect(out).toContain("Start refused. Invalid configuration:");
    expect(out).toMatch(/PUBLIC_BASE_URL/);
    expect(out).not.toMatch(/^\s+at /m);
  });
});

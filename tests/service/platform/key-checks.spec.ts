import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig } from "../../../config";
import { MARKER_FILE, checkSharedFolders } from "../../../mixins/db/shared-folders";
import { createBroker } from "../../../mixins/platform";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { TEST_KEYS } from "../../helpers/pg-admin";

/** Issue 18: nodes of one platform must share keys and folders; a node that does not is refused or warned. */
describe("start-up checks of a node joining a platform", () => {
  let first: TestBroker;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "key-checks-"));
    first = await startBroker({ groups: ["patient"], env: { DATA_DIR: path.join(root, "first") } });
  });
  afterAll(async () => {
    await first.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const startSecond = async (env: Record<string, string>) => {
    const config = loadConfig({
      DATABASE_URL: first.databaseUrl,
      ...TEST_KEYS,
      DATA_DIR: path.join(root, "second"),
      ...env,
    });
    const broker = createBroker(config, ["patient"], { logger: false, nodeID: `second-${Date.now()}` });
    try {
      await broker.start();
      return "started";
    } catch (e) {
      return (e as Error).message;
    } finally {
      await broker.stop().catch(() => undefined);
    }
  };

  it("refuses a second node with another encryption key, naming the key id", async () => {
    expect(await startSecond({ ENCRYPTION_KEY: "a-different-key-0123456789" })).toMatch(
      /encryption key with id 'k1' of this node differs from the one the platform's first node used/,
    );
  });

  it("refuses a second node with another answer-link secret", async () => {
    expect(await startSecond({ ANSWER_LINK_SECRET: "another-link-secret-012345" })).toMatch(
      /ANSWER_LINK_SECRET of this node differs/,
    );
  });

  it("starts a second node with the same keys, also one that adds a new key id for rotation", async () => {
    expect(await startSecond({})).toBe("started");
    expect(
      await startSecond({
        ENCRYPTION_KEY: "rotated-key-0123456789abc",
        ENCRYPTION_KEY_ID: "k2",
        ENCRYPTION_OLD_KEYS: `k1:${TEST_KEYS.ENCRYPTION_KEY}`,
      }),
    ).toBe("started");
  });

  it("says when a node's shared folder is not the one the first node marked", async () => {
    const db = (first.broker.getLocalService("patient") as any).db;
    const shared = path.join(root, "first", "imports", "patients");
    expect(fs.readFileSync(path.join(shared, MARKER_FILE), "utf8")).toMatch(/^[0-9a-f-]{36}$/);
    const same = loadConfig({ DATABASE_URL: first.databaseUrl, ...TEST_KEYS, PATIENT_IMPORT_DIR: shared });
    expect(await checkSharedFolders(db, same, ["patient"])).toEqual([]);
    const other = loadConfig({
      DATABASE_URL: first.databaseUrl,
      ...TEST_KEYS,
      PATIENT_IMPORT_DIR: path.join(root, "local-only"),
    });
    const warnings = await checkSharedFolders(db, other, ["patient"]);
    expect(warnings).toEqual([
      expect.stringMatching(/^PATIENT_IMPORT_DIR \(.*local-only\) is not the folder/),
    ]);
    // Folders of service groups the node does not run are not its business.
    expect(await checkSharedFolders(db, other, ["matching"])).toEqual([]);
  });
});

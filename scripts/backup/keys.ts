import * as fs from "node:fs";
import * as path from "node:path";
import { keyFilePath, loadConfig, sections, type AppConfig } from "../../config";
import { configWithoutKeys } from "../config-without-keys";
import { KEYS_FORMAT, keyFingerprint, writePrivate, type KeyExport, type Manifest } from "./manifest";

export function fingerprints(cfg: AppConfig): Manifest["keys"] {
  const out: Record<string, string> = {};
  for (const [id, key] of Object.entries(cfg.keys.byId)) out[id] = keyFingerprint(key);
  return { current: cfg.keys.current, fingerprints: out };
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Writes the keys into their own file in `dir`, which must not lie inside the backup folder. */
export function exportKeys(cfg: AppConfig, dir: string, backupRoot: string, stamp: string): string {
  if (inside(dir, backupRoot) || inside(backupRoot, dir))
    throw new Error(
      `--keys-out ${dir} must be a folder apart from the backups (${backupRoot}): keys never travel with the data`,
    );
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys: Record<string, string> = {};
  for (const [id, key] of Object.entries(cfg.keys.byId)) keys[id] = key.toString("base64");
  const doc: KeyExport = {
    format: KEYS_FORMAT,
    created_at: new Date().toISOString(),
    current: cfg.keys.current,
    keys,
    answer_link_secret: cfg.keys.answerLinkSecret,
    audit_chain_secret: cfg.keys.auditChainSecret,
  };
  const file = path.join(dir, `therapieplatz-keys-${stamp}.json`);
  writePrivate(file, JSON.stringify(doc, null, 2) + "\n");
  return file;
}

function readKeyExport(file: string): KeyExport {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as KeyExport;
  if (doc.format !== KEYS_FORMAT) throw new Error(`${file} is not a key export (${KEYS_FORMAT})`);
  return doc;
}

/**
 * Makes the backup's keys available to the target and proves they are the right ones (by fingerprint) before any
 * row is restored. Without ENCRYPTION_KEY the current key is written to the target's key file; earlier keys
 * must come from ENCRYPTION_OLD_KEYS. Returns the target's configuration.
 */
export function prepareKeys(
  env: Record<string, string | undefined>,
  m: Manifest,
  keysFile?: string,
): AppConfig {
  const envKey = sections.core.encryptionKey.schema.parse(env[sections.core.encryptionKey.env]);
  const paths = configWithoutKeys(env);
  const file = keyFilePath(paths.core, paths.security.keyDir);
  if (!envKey && !fs.existsSync(file)) {
    if (!keysFile)
      throw new Error(
        `The backup's data is encrypted with key '${m.keys.current}' (fingerprint ${m.keys.fingerprints[m.keys.current]}): ` +
          `give the key export with --keys <file>, or set ENCRYPTION_KEY`,
      );
    const doc = readKeyExport(keysFile);
    const key = doc.keys[m.keys.current];
    if (!key) throw new Error(`${keysFile} has no key '${m.keys.current}'`);
    if (keyFingerprint(Buffer.from(key, "base64")) !== m.keys.fingerprints[m.keys.current])
      throw new Error(
        `${keysFile} holds another key '${m.keys.current}' than the one this backup was made with`,
      );
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writePrivate(file, key + "\n");
    for (const [name, value] of [
      ["answer-link.secret", doc.answer_link_secret],
      ["audit-chain.secret", doc.audit_chain_secret],
    ] as const) {
      const f = path.join(path.dirname(file), name);
      if (value && !fs.existsSync(f)) writePrivate(f, value + "\n");
    }
  }
  const cfg = loadConfig(env);
  if (cfg.keys.current !== m.keys.current && !envKey)
    throw new Error(
      `key id '${cfg.keys.current}' configured, the backup's current key is '${m.keys.current}': set ENCRYPTION_KEY_ID`,
    );
  const have = fingerprints(cfg).fingerprints;
  const wrong = Object.entries(m.keys.fingerprints)
    .filter(([id, fp]) => have[id] !== fp)
    .map(
      ([id, fp]) =>
        `'${id}' (fingerprint ${fp}${have[id] ? `, configured key has ${have[id]}` : ", not configured"})`,
    );
  if (wrong.length)
    throw new Error(
      `The target's keys do not decrypt this backup: ${wrong.join("; ")}. Set ENCRYPTION_KEY/ENCRYPTION_KEY_ID ` +
        `and ENCRYPTION_OLD_KEYS (id:key) from the key export of this backup`,
    );
  return cfg;
}

import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import type { Section, SectionValues } from "./define";
import { core } from "./sections/core";
import { company } from "./sections/company";
import { patient } from "./sections/patient";
import { therapist } from "./sections/therapist";
import { matching } from "./sections/matching";
import { communication } from "./sections/communication";
import { geocoding } from "./sections/geocoding";
import { scraper } from "./sections/scraper";
import { security } from "./sections/security";
import { http } from "./sections/http";

export const sections = {
  core,
  company,
  patient,
  therapist,
  matching,
  communication,
  geocoding,
  scraper,
  security,
  http,
} as const;
type Sections = typeof sections;

export type AppConfig = { readonly [S in keyof Sections]: SectionValues<Sections[S]> } & {
  /** Resolved field-encryption keys by id; `current` is used to encrypt. */
  readonly keys: { readonly current: string; readonly byId: Readonly<Record<string, Buffer>> };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

function parseSection<S extends Section>(
  section: S,
  env: Record<string, string | undefined>,
  problems: string[],
) {
  const out: Record<string, unknown> = {};
  for (const [name, k] of Object.entries(section)) {
    const raw = env[k.env];
    const r = k.schema.safeParse(raw);
    if (r.success) out[name] = r.data;
    else problems.push(`${k.env}=${JSON.stringify(raw)}: ${r.error.issues.map((i) => i.message).join("; ")}`);
  }
  return out;
}

/** A key given as base64 of 32 bytes is used as is; anything else of 16+ characters is a passphrase. */
export function deriveKey(material: string): Buffer {
  const b = Buffer.from(material, "base64");
  if (b.length === 32 && /^[A-Za-z0-9+/=]+$/.test(material)) return b;
  if (material.length < 16)
    throw new Error("encryption key too short (need 32 base64 bytes or 16+ characters)");
  return crypto.createHash("sha256").update(material, "utf8").digest();
}

/** Where the embedded default keeps its generated key (used only when ENCRYPTION_KEY is unset). */
export function keyFilePath(c: Pick<SectionValues<typeof core>, "dataDir">): string {
  return path.resolve(c.dataDir, "encryption.key");
}

function resolveKeys(c: SectionValues<typeof core>, problems: string[]) {
  const byId: Record<string, Buffer> = {};
  try {
    let material = c.encryptionKey;
    if (!material) {
      // Embedded default: a random key kept next to the data it protects, created on first start.
      const file = keyFilePath(c);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
      }
      material = fs.readFileSync(file, "utf8").trim();
    }
    byId[c.encryptionKeyId] = deriveKey(material);
    for (const part of c.encryptionOldKeys.split(",").filter(Boolean)) {
      const i = part.indexOf(":");
      if (i < 1) throw new Error(`ENCRYPTION_OLD_KEYS entry '${part.slice(0, 3)}…' is not id:key`);
      byId[part.slice(0, i)] = deriveKey(part.slice(i + 1));
    }
  } catch (e) {
    problems.push(`ENCRYPTION_KEY: ${(e as Error).message}`);
  }
  return { current: c.encryptionKeyId, byId };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Buffer.isBuffer(o)) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

/** Parses and validates the whole configuration once; throws ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) out[name] = parseSection(section, env, problems);
  if (problems.length === 0) out.keys = resolveKeys(out.core as SectionValues<typeof core>, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(out) as AppConfig;
}

let defaultConfig: AppConfig | undefined;
/** The process's configuration from its environment, parsed on first use. */
export function getConfig(): AppConfig {
  return (defaultConfig ??= loadConfig(process.env));
}

/** The environment of this process, for scripts that hand it to child processes. */
export const processEnv = (): Record<string, string | undefined> => ({ ...process.env });

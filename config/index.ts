import type { Section, SectionValues } from "./define";
import { goLiveProblems } from "./go-live";
import { resolveKeys, type ResolvedKeys } from "./keys";
export { deriveKey, generatedSecret, keyFilePath } from "./keys";
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
  /** Resolved field-encryption keys by id (`current` encrypts) and the answer-link secret. */
  readonly keys: ResolvedKeys;
};

export interface LoadOptions {
  /** DATABASE_URL points at the embedded database this process started (not server mode). */
  embedded?: boolean;
}

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

function keysOf(out: Record<string, any>, embedded: boolean, problems: string[]): ResolvedKeys | undefined {
  const c = out.core as SectionValues<typeof core>;
  try {
    return resolveKeys({
      encryptionKey: c.encryptionKey,
      encryptionKeyId: c.encryptionKeyId,
      encryptionOldKeys: c.encryptionOldKeys,
      answerLinkSecret: out.communication.answerLinkSecret,
      auditChainSecret: out.security.auditChainSecret,
      keyDir: out.security.keyDir,
      dataDir: c.dataDir,
      serverMode: (!!c.databaseUrl && !embedded) || !!c.transporter,
    });
  } catch (e) {
    problems.push(`ENCRYPTION_KEY: ${(e as Error).message}`);
    return undefined;
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Buffer.isBuffer(o)) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

/** Parses and validates the whole configuration once; throws ConfigError naming every bad key. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  opts: LoadOptions = {},
): AppConfig {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) out[name] = parseSection(section, env, problems);
  if (problems.length === 0 && (out.security as { nodeEnv: string }).nodeEnv === "production")
    problems.push(...goLiveProblems(out as unknown as Parameters<typeof goLiveProblems>[0], env));
  if (problems.length === 0) out.keys = keysOf(out, opts.embedded ?? false, problems);
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

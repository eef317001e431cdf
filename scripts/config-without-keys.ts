import { loadConfig, sections, type AppConfig } from "../config";

/**
 * The configuration's folders, URLs and cluster settings, parsed with a stand-in key: for tools that need no
 * keys (REPL, restore checks) and must not create a key file as a side effect.
 */
export function configWithoutKeys(env: Record<string, string | undefined>): AppConfig {
  return loadConfig({
    ...env,
    [sections.core.encryptionKey.env]: "stand-in-key-for-paths-only",
    [sections.communication.answerLinkSecret.env]: "stand-in-secret-for-paths-only",
    [sections.security.auditChainSecret.env]: "stand-in-secret-for-paths-only",
  });
}

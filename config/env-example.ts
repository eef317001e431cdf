import type { ConfigKey } from "./define";
import { sections } from "./index";

function defaultOf(k: ConfigKey): string {
  if (k.example !== undefined) return k.example;
  const r = k.schema.safeParse(undefined);
  if (!r.success || r.data === null || r.data === undefined) return "";
  return String(r.data);
}

/** The text of .env.example: every key with its description and default, grouped by section. */
export function renderEnvExample(): string {
  const lines = [
    "# Configuration of the platform. Every variable is optional; the value shown is the default.",
    "# Generated from config/sections/*.ts by `npm run env:example` — edit those, not this file.",
  ];
  for (const [name, section] of Object.entries(sections)) {
    const keys = Object.values(section as Record<string, ConfigKey>);
    if (!keys.length) continue;
    lines.push("", `# --- ${name} ---`);
    for (const k of keys) {
      lines.push(`# ${k.description}`);
      lines.push(`${k.env}=${defaultOf(k)}`);
    }
  }
  return lines.join("\n") + "\n";
}

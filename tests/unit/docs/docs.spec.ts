import * as fs from "node:fs";
import * as path from "node:path";
import { sections } from "../../../config";
import { ROOT, anchors, blocks, lines, markdownFiles, withoutCode } from "../../helpers/markdown-docs";

/**
 * Issue 18: what README.md and docs/ tell an operator stays true. Every failure names file and line, so whoever
 * edits a guide (several people do, in parallel) sees what to fix.
 */
const files = markdownFiles();
const allLines = files.flatMap(lines);
const where = (file: string, no: number) => `${file}:${no}`;
/** The line of a block (starting at `from`) that holds `needle`. */
const lineOf = (file: string, from: number, needle: string) =>
  allLines.find((l) => l.file === file && l.no >= from && l.text.includes(needle))?.no ?? from;

/** Every file under a folder (code constants are read from the sources). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

describe("README.md and docs/", () => {
  it("link only to files and headings that exist", () => {
    const problems: string[] = [];
    for (const l of allLines) {
      if (l.code) continue;
      for (const m of withoutCode(l.text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
        const [file, anchor] = target.split("#");
        const resolved = file ? path.join(path.dirname(l.file), decodeURIComponent(file)) : l.file;
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          problems.push(`${where(l.file, l.no)}: link to missing ${resolved}`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchors(resolved).has(anchor))
          problems.push(`${where(l.file, l.no)}: no heading for #${anchor} in ${resolved}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("name only npm scripts that exist", () => {
    const scripts = Object.keys(
      (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts,
    );
    const problems = allLines.flatMap((l) =>
      [...l.text.matchAll(/npm run(?:\s+-s)?\s+([\w:.-]+)/g)]
        .filter((m) => !scripts.includes(m[1]))
        .map((m) => `${where(l.file, l.no)}: npm run ${m[1]} is not a script in package.json`),
    );
    expect(problems).toEqual([]);
  });

  it("name only environment variables that config/ defines", () => {
    const known = new Set(Object.values(sections).flatMap((s) => Object.values(s).map((k) => k.env)));
    // Upper-case names in the code (error types, enum values, constants) are not configuration: process.env is
    // read only in config/, so a configuration key appears nowhere else in the sources under its own name.
    const constants = new Set<string>();
    for (const f of [...sources("services"), ...sources("mixins"), ...sources("scripts")])
      for (const m of fs
        .readFileSync(path.join(ROOT, f), "utf8")
        .matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g))
        if (!known.has(m[1])) constants.add(m[1]);
    const NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+";
    const problems: string[] = [];
    for (const l of allLines) {
      const named = new Set<string>();
      // `NAME` or `NAME=value` in inline code, and NAME=value anywhere (shell examples).
      for (const m of l.text.matchAll(new RegExp(`\`(${NAME})(?:=[^\`]*)?\``, "g"))) named.add(m[1]);
      for (const m of l.text.matchAll(new RegExp(`(?:^|[\\s\`(])(${NAME})=`, "g"))) named.add(m[1]);
      for (const name of named)
        // ERR_… are Node.js error codes.
        if (!known.has(name) && !constants.has(name) && !name.startsWith("ERR_"))
          problems.push(`${where(l.file, l.no)}: ${name} is not a configuration key (config/sections)`);
    }
    expect(problems).toEqual([]);
  });

  it("name only REPL commands that are registered", () => {
    const registered = new Set<string>();
    for (const group of fs.readdirSync(path.join(ROOT, "services"))) {
      const file = path.join(ROOT, "services", group, "repl-commands.ts");
      if (!fs.existsSync(file)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same discovery the broker does
      for (const c of require(file).default as { command: string }[]) registered.add(c.command.split(" ")[0]);
    }
    const builtins = path.join(ROOT, "node_modules/moleculer-repl/src/commands");
    for (const f of fs.readdirSync(builtins))
      for (const m of fs.readFileSync(path.join(builtins, f), "utf8").matchAll(/\.command\("([\w-]+)/g))
        registered.add(m[1]);
    expect(registered).toContain("queue");

    const problems: string[] = [];
    for (const file of files)
      for (const b of blocks(file)) {
        // The sentences that speak of the REPL, from the word on.
        for (const sentence of b.text.split(/(?<=[.;:])\s+(?=[A-Z(])/)) {
          const at = sentence.search(/\bREPL\b/);
          if (at === -1) continue;
          for (const m of sentence.slice(at).matchAll(/`([^`]+)`/g)) {
            const word = m[1].trim().split(/\s+/)[0];
            // Commands are lower-case words; npm/node invocations, flags, actions (with dots) and names are not.
            if (!/^[a-z][a-z-]*$/.test(word) || ["npm", "npx", "node"].includes(word)) continue;
            if (!registered.has(word))
              problems.push(
                `${where(file, lineOf(file, b.no, m[0]))}: REPL command '${word}' is not registered (services/*/repl-commands.ts)`,
              );
          }
        }
      }
    expect(problems).toEqual([]);
  });
});

/**
 * The staff app (ui/) has its own package.json so its front-end dependencies never touch the server's lock file.
 *   install  – `npm ci` in ui/ (run by the root postinstall, so `npm install` at the root installs both)
 *   build    – Vite build into ui/dist when it is missing or older than any source (run before `npm start`)
 *   build --force – always build
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const ui = path.join(root, "ui");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Files the build depends on: the app, its config and the backend vocabulary it imports. */
const SOURCES = [
  "ui/src",
  "ui/index.html",
  "ui/package.json",
  "ui/package-lock.json",
  "ui/vite.config.ts",
  "ui/tsconfig.json",
  "services/shared/enums.ts",
  "services/shared/symptoms.ts",
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function buildIsStale(): boolean {
  const built = path.join(ui, "dist", "index.html");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

function install() {
  if (!fs.existsSync(path.join(ui, "package.json"))) return;
  execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: ui, stdio: "inherit" });
}

function build(force: boolean) {
  if (!force && !buildIsStale()) return;
  if (!fs.existsSync(path.join(ui, "node_modules"))) install();
  execFileSync(npm, ["run", "build"], { cwd: ui, stdio: "inherit" });
}

const [cmd, flag] = process.argv.slice(2);
if (cmd === "install") install();
else if (cmd === "build") build(flag === "--force");
else {
  console.error("usage: ui.ts install | build [--force]");
  process.exit(2);
}

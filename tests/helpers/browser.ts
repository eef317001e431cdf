// Code passed to page.evaluate runs in the browser; the server tsconfig has no DOM types.
declare const document: any;
declare const window: any;
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { processEnv } from "../../config";

export const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "..", "..");
export const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");

/** The gateway serves ui/dist only if it exists when it starts: build it first (no-op when current). */
export function ensureUiBuilt() {
  execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "ui.ts"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

/**
 * Debian's Chromium, headless, with no background connections (closed network). Playwright starts it with a
 * fresh temporary profile of its own (it refuses a --user-data-dir argument).
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // German UI locale, so native time inputs show 24-hour times like the staff expect.
      "--lang=de-DE",
    ],
    // --lang alone leaves time inputs at "09:00 AM": Chromium formats them by the process locale, and only
    // with Debian's chromium-l10n installed (.ci/run installs it) does it have the German one.
    env: { ...processEnv(), LANG: "de_DE.UTF-8", LANGUAGE: "de", LC_ALL: "de_DE.UTF-8" },
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core violations of impact serious or critical on the current page, as `rule: target` lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the app's CSP.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n: any) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v: any) => v.impact === "serious" || v.impact === "critical")
    .map((v: any) => `${v.id}: ${v.targets.join(", ")}`);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Collects the page's Content-Security-Policy violations (Chromium reports each refused script, style, image
 * or frame on the console), so a test can require that the app runs under its policy without one.
 */
export function collectCspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
}

// Code passed to page.evaluate runs in the browser; the server tsconfig has no DOM types.
declare const document: any;
declare const location: any;
declare const getComputedStyle: any;
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { startApi, type TestApi } from "../helpers/api";
import {
  collectCspViolations,
  ensureUiBuilt,
  launchChromium,
  screenshot,
  seriousA11yViolations,
} from "../helpers/browser";
import { ALL_GROUPS } from "../helpers/factories";

// Generous limits: the browser, the whole platform and the build share a loaded machine; nothing here races a
// timeout it means to test.
jest.setTimeout(240_000);

describe("staff app in headless Chromium", () => {
  let api: TestApi;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  const login = async (email: string, password: string) => {
    await page.goto(`${api.url}/`);
    await page.getByLabel("E-Mail").fill(email);
    await page.getByLabel("Passwort").fill(password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { name: "Übersicht" }).waitFor();
  };
  const pick = async (label: string, option: string) => {
    await page.getByLabel(label).first().click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  const patientsNamed = async (nachname: string) =>
    (await api.staff("GET", `/api/patients?search=${encodeURIComponent(nachname)}`)).body.data;

  beforeAll(async () => {
    ensureUiBuilt();
    api = await startApi({ groups: ALL_GROUPS });
    chrome = await launchChromium();
  }, 400_000);
  beforeEach(async () => {
    context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    cspViolations = collectCspViolations(page);
  });
  afterEach(async () => {
    await context?.close();
    // Every screen visited runs under the gateway's Content-Security-Policy without a refused resource.
    expect(cspViolations ?? []).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await api?.stop();
  });

  it("loads at most 300 KB of gzipped JavaScript for the first screen (the rest is split off)", async () => {
    const scripts: Promise<number>[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith(".js")) scripts.push(r.body().then((b) => gzipSync(b).length));
    });
    await page.goto(`${api.url}/`);
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    const sizes = await Promise.all(scripts);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(300 * 1024);
  });

  it("shows only the login form before login, German errors, and no serious accessibility violations", async () => {
    await page.goto(`${api.url}/`);
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    expect(await page.title()).toBe("Anmelden · Therapieplatz-Vermittlung");
    expect(await page.getByRole("navigation").count()).toBe(0);
    // The e-mail field has the focus at once; nothing (no menu) comes before it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("email");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    await page.getByLabel("E-Mail").fill("staff@test.local");
    await page.getByLabel("Passwort").fill("falsch-falsch-falsch");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByText("E-Mail oder Passwort ist falsch.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "01-anmeldung");
  });

  it("creates a patient through the form once on a double click, then clears a field", async () => {
    await login("staff@test.local", "staff-password-123");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "02-uebersicht");
    await page.getByRole("link", { name: "Patienten", exact: true }).click();
    await page.getByRole("link", { name: "Neuer Patient" }).click();
    await page.getByRole("heading", { name: "Neuer Patient" }).waitFor();
    expect(await page.title()).toBe("Neuer Patient · Therapieplatz-Vermittlung");

    await pick("Anrede", "Frau");
    await pick("Geschlecht", "weiblich");
    await page.getByLabel("Vorname").fill("Erika");
    await page.getByLabel("Nachname").fill("Doppelklick");
    await page.getByLabel("Telefon").fill("0241 123456");
    await page.getByLabel("PLZ").fill("52062");
    await page.getByLabel("Geburtsdatum").fill("01.02.1990");
    await page.getByLabel("Geburtsdatum").press("Tab");
    await page.getByRole("button", { name: "Montag: Zeitraum hinzufügen" }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "03-patient-neu");

    await page.getByRole("button", { name: "Speichern" }).dblclick();
    await page.getByRole("heading", { name: "Frau Erika Doppelklick" }).waitFor();
    const created = await patientsNamed("Doppelklick");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ telefon: "0241 123456", plz: "52062", geburtsdatum: "1990-02-01" });
    expect(created[0].zeitliche_verfuegbarkeit).toEqual({ montag: ["09:00-12:00"] });
    await page.getByText("01.02.1990").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "04-patient");

    await page.getByRole("button", { name: "Bearbeiten" }).click();
    await page.getByLabel("Telefon").fill("");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("button", { name: "Bearbeiten" }).waitFor();
    const [after] = await patientsNamed("Doppelklick");
    expect(after.telefon).toBeNull();
    expect(after.plz).toBe("52062");
  });

  it("shows an API validation error next to the field it belongs to and saves nothing", async () => {
    await login("staff@test.local", "staff-password-123");
    await page.goto(`${api.url}/#/patienten/neu`);
    await pick("Anrede", "Herr");
    await pick("Geschlecht", "männlich");
    await page.getByLabel("Vorname").fill("Max");
    await page.getByLabel("Nachname").fill("Falschplz");
    await page.getByLabel("PLZ").fill("520");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("PLZ muss 5 Ziffern haben").waitFor();
    expect(await page.getByLabel("PLZ").getAttribute("aria-invalid")).toBe("true");
    expect(await patientsNamed("Falschplz")).toHaveLength(0);
    await screenshot(page, "05-patient-fehler");
  });

  it("lists patients with server-side search and sorting, and rows are links", async () => {
    for (const nachname of ["Listeb", "Listea", "Listec"])
      await api.staff("POST", "/api/patients", {
        anrede: "Frau",
        geschlecht: "weiblich",
        vorname: "Lisa",
        nachname,
      });
    await login("staff@test.local", "staff-password-123");
    await page.goto(`${api.url}/#/patienten`);
    await page.getByLabel("Suche nach Name oder E-Mail").fill("Liste");
    await page.waitForFunction(() => location.hash.includes("search=Liste"));
    await page.getByRole("link", { name: "Listea, Lisa" }).waitFor();
    await page.getByRole("button", { name: /^Name/ }).click();
    await page.waitForFunction(() => location.hash.includes("sort=nachname"));
    const names = async () =>
      page.getByRole("table", { name: "Patientenliste" }).getByRole("link").allTextContents();
    await page.waitForFunction(
      () => document.querySelector("table[aria-label=Patientenliste] a")?.textContent === "Listea, Lisa",
    );
    expect(await names()).toEqual(["Listea, Lisa", "Listeb, Lisa", "Listec, Lisa"]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "06-patienten");
    await page.getByRole("link", { name: "Listeb, Lisa" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Frau Lisa Listeb" }).waitFor();
  });

  it("serves the app and the therapists' answer page under a CSP that forbids framing", async () => {
    const app = await page.goto(`${api.url}/`);
    expect(app?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.getByRole("button", { name: "Anmelden" }).waitFor();
    const answer = await page.goto(`${api.url}/api/antwort/${"x".repeat(40)}.ungueltig`);
    expect(answer?.status()).toBe(400);
    expect(answer?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    // The page's inline stylesheet applies (a refused style would leave the default 8px body margin).
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe("none");
  });

  it("answers an unknown record or page with a message instead of loading forever", async () => {
    await login("staff@test.local", "staff-password-123");
    await page.goto(`${api.url}/#/patienten/999999`);
    await page.getByText("Der Datensatz wurde nicht gefunden.").waitFor();
    await page.goto(`${api.url}/#/gibt-es-nicht`);
    await page.getByText("Seite nicht gefunden").waitFor();
    // An admin screen opened by a staff user says so instead of loading.
    await page.goto(`${api.url}/#/benutzer`);
    await page.getByRole("heading", { name: "Keine Berechtigung" }).waitFor();
  });
});

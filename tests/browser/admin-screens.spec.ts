// Code passed to page.evaluate runs in the browser; the server tsconfig has no DOM types.
declare const location: any;
import type { BrowserContext, Page } from "playwright-core";
import { startApi, type TestApi } from "../helpers/api";
import { ensureUiBuilt, launchChromium, screenshot, seriousA11yViolations } from "../helpers/browser";
import { ALL_GROUPS } from "../helpers/factories";

jest.setTimeout(240_000);

/** Therapists, e-mails, imports, analytics and the admin screens in headless Chromium (issue 13). */
describe("staff app: therapist, e-mail, import, analytics and admin screens", () => {
  let api: TestApi;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;

  const login = async (email: string, password: string) => {
    await page.goto(`${api.url}/`);
    await page.getByLabel("E-Mail").fill(email);
    await page.getByLabel("Passwort").fill(password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { name: "Übersicht" }).waitFor();
  };
  const asStaff = () => login("staff@test.local", "staff-password-123");
  const asAdmin = () => login("admin@test.local", "admin-password-123");
  const open = async (hash: string, heading: string | RegExp) => {
    await page.goto(`${api.url}/#${hash}`);
    await page.getByRole("heading", { name: heading, level: 2 }).waitFor();
  };
  const checkA11y = async () => {
    // Axe must see the finished colours: no hover highlight under the mouse, no running transition.
    await page.mouse.move(1300, 880);
    await page.waitForTimeout(500);
    expect(await seriousA11yViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    ensureUiBuilt();
    api = await startApi({ groups: ALL_GROUPS });
    chrome = await launchChromium();
  }, 400_000);
  beforeEach(async () => {
    context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    page.on("dialog", (d) => void d.accept());
  });
  afterEach(async () => context?.close());
  afterAll(async () => {
    await chrome?.close();
    await api?.stop();
  });

  it("shows a staff user no admin menu entries, no admin controls, and 'Keine Berechtigung' on admin URLs", async () => {
    await asStaff();
    const menu = page.getByRole("navigation", { name: "Hauptmenü" });
    await menu.getByRole("link", { name: "Therapeuten" }).waitFor();
    expect(await menu.getByRole("link", { name: "Benutzer" }).count()).toBe(0);
    expect(await menu.getByRole("link", { name: "Audit-Log" }).count()).toBe(0);
    for (const hash of ["/benutzer", "/audit"]) {
      await open(hash, "Keine Berechtigung");
      expect(await page.getByText("Lädt …").count()).toBe(0);
      expect(await page.title()).toBe("Keine Berechtigung · Therapieplatz-Vermittlung");
    }
    await checkA11y();
    await screenshot(page, "20-keine-berechtigung");
    await open("/import", "Importe");
    await page.getByRole("heading", { name: "Therapeuten-Import (116117)" }).waitFor();
    await page.getByText("Bereit").waitFor();
    expect(await page.getByRole("button", { name: "Importieren" }).count()).toBe(0);
    await open("/jobs", "Jobs");
    await page.getByRole("table", { name: "Geplante Jobs" }).waitFor();
    expect(await page.getByRole("button", { name: /jetzt ausführen/ }).count()).toBe(0);
  });

  it("lets an admin create a user (one record on a double click) and deactivate it", async () => {
    await asAdmin();
    await page.getByRole("navigation", { name: "Hauptmenü" }).getByRole("link", { name: "Benutzer" }).click();
    await page.getByRole("heading", { name: "Benutzer", level: 2 }).waitFor();
    await page.getByRole("button", { name: "Neuer Benutzer" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("E-Mail").fill("neu.kollegin@test.local");
    await dialog.getByLabel("Passwort").fill("kurz");
    await dialog.getByRole("button", { name: "Anlegen" }).click();
    await dialog.getByText("Mindestens 12 Zeichen", { exact: true }).waitFor();
    await dialog.getByLabel("Passwort").fill("Sonnenblume-Wiese-42");
    await checkA11y();
    await screenshot(page, "18-benutzer-neu");
    await dialog.getByRole("button", { name: "Anlegen" }).dblclick();
    await page.getByRole("cell", { name: "neu.kollegin@test.local", exact: true }).waitFor();
    const users = (await api.admin("GET", "/api/users?limit=100")).body.data;
    const created = users.filter((u: any) => u.email === "neu.kollegin@test.local");
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ rolle: "staff", aktiv: true });

    await page.getByRole("button", { name: "neu.kollegin@test.local deaktivieren" }).click();
    await page.getByRole("button", { name: "neu.kollegin@test.local aktivieren" }).waitFor();
    expect((await api.admin("GET", `/api/users/${created[0].id}`)).body.aktiv).toBe(false);
    const refused = await api.request("POST", "/api/auth/login", {
      email: "neu.kollegin@test.local",
      password: "Sonnenblume-Wiese-42",
    });
    expect(refused.status).toBe(401);
    await checkA11y();
    await screenshot(page, "17-benutzer");
  });

  it("edits a therapist's phone hours as time ranges and clears a field (null stored)", async () => {
    const { body: t } = await api.staff("POST", "/api/therapists", {
      anrede: "Frau",
      geschlecht: "weiblich",
      titel: "Dr.",
      vorname: "Hanna",
      nachname: "Telefonzeit",
      plz: "52062",
      ort: "Aachen",
      telefon: "0241 4711",
      fax: "0241 4712",
      email: "hanna@praxis.example",
      psychotherapieverfahren: "Verhaltenstherapie",
      telefonische_erreichbarkeit: { montag: ["09:00-10:00"] },
      naechster_kontakt_moeglich: "2099-01-31",
    });
    await asStaff();
    await page
      .getByRole("navigation", { name: "Hauptmenü" })
      .getByRole("link", { name: "Therapeuten" })
      .click();
    await page.getByLabel("Suche nach Name oder Verfahren").fill("Telefonzeit");
    await page.waitForFunction(() => location.hash.includes("search=Telefonzeit"));
    await page.getByRole("link", { name: "Telefonzeit, Dr. Hanna" }).waitFor();
    await page.getByText("gesperrt bis 31.01.2099").first().waitFor();
    await checkA11y();
    await screenshot(page, "10-therapeuten");

    await page.getByRole("link", { name: "Telefonzeit, Dr. Hanna" }).click();
    await page.getByRole("heading", { name: "Frau Dr. Hanna Telefonzeit" }).waitFor();
    expect(await page.title()).toBe("Dr. Hanna Telefonzeit · Therapieplatz-Vermittlung");
    await page.getByText("Gesperrt bis 31.01.2099", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "Dienstag: Zeitraum hinzufügen" }).click();
    await page.getByRole("button", { name: "Montag 1. Zeitraum entfernen" }).click();
    await page.getByRole("button", { name: "Telefonzeiten speichern" }).click();
    // Saved once the record has the new hours (the card then shows them as its unchanged state).
    for (let i = 0; i < 100; i++) {
      const hours = (await api.staff("GET", `/api/therapists/${t.id}`)).body.telefonische_erreichbarkeit;
      if (!hours.montag) break;
      await page.waitForTimeout(200);
    }
    await page.getByText("Gespeichert.").first().waitFor();
    const afterHours = (await api.staff("GET", `/api/therapists/${t.id}`)).body;
    expect(afterHours.telefonische_erreichbarkeit).toEqual({ dienstag: ["09:00-12:00"] });
    await page.getByRole("heading", { name: "Gelernte Präferenzen" }).waitFor();
    await checkA11y();
    await screenshot(page, "11-therapeut");

    await page.getByRole("button", { name: "Bearbeiten" }).click();
    await page.getByLabel("Fax").fill("");
    await checkA11y();
    await screenshot(page, "12-therapeut-bearbeiten");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await page.getByRole("button", { name: "Bearbeiten" }).waitFor();
    const after = (await api.staff("GET", `/api/therapists/${t.id}`)).body;
    expect(after.fax).toBeNull();
    expect(after.telefon).toBe("0241 4711");
    expect(after.telefonische_erreichbarkeit).toEqual({ dienstag: ["09:00-12:00"] });
  });

  it("shows e-mails, imports, analytics, jobs and the audit log in German, with screenshots", async () => {
    const { body: t } = await api.staff("POST", "/api/therapists", {
      anrede: "Herr",
      geschlecht: "männlich",
      vorname: "Max",
      nachname: "Postmann",
      email: "max@praxis.example",
    });
    const { body: mail } = await api.staff("POST", "/api/emails", {
      therapist_id: t.id,
      betreff: "Anfrage für zwei Patientinnen",
      empfaenger_email: "max@praxis.example",
      empfaenger_name: "Max Postmann",
      inhalt_markdown:
        "Guten Tag Herr Postmann,\n\nwir hätten **zwei Patientinnen** für Sie.<script>parent.document.title='x'</script>",
    });
    await asAdmin();
    await open("/emails", "E-Mails");
    await page.getByLabel("Suche nach Empfänger oder Betreff").fill("Postmann");
    await page.waitForFunction(() => location.hash.includes("search=Postmann"));
    await page.getByRole("link", { name: "Anfrage für zwei Patientinnen" }).waitFor();
    await checkA11y();
    await screenshot(page, "13-emails");
    await page.getByRole("link", { name: "Anfrage für zwei Patientinnen" }).click();
    await page.getByRole("heading", { name: "Anfrage für zwei Patientinnen" }).waitFor();
    const frame = page.frameLocator('iframe[title^="Inhalt der E-Mail"]');
    await frame.getByText("zwei Patientinnen").first().waitFor();
    expect(await page.title()).toBe("E-Mail: Anfrage für zwei Patientinnen · Therapieplatz-Vermittlung");
    expect(mail.id).toBeGreaterThan(0);
    await checkA11y();
    await screenshot(page, "14-email");

    await open("/import", "Importe");
    await page.getByRole("button", { name: "Importieren" }).click();
    await page.getByText("Bitte zuerst eine Datei auswählen.").waitFor();
    expect(await page.getByText(/Unsupported/).count()).toBe(0);
    await checkA11y();
    await screenshot(page, "15-importe");

    await open("/auswertung", "Auswertung");
    await page.getByText("Anfragen im Zeitraum").waitFor();
    await page.getByRole("heading", { name: "Quoten" }).waitFor();
    await checkA11y();
    await screenshot(page, "16-auswertung");

    await open("/jobs", "Jobs");
    await page
      .getByRole("button", { name: /jetzt ausführen/ })
      .first()
      .waitFor();
    await checkA11y();
    await screenshot(page, "21-jobs");

    await open("/audit", "Audit-Log");
    await page.getByRole("table", { name: "Audit-Log" }).waitFor();
    await page
      .getByRole("button", { name: /^Details zu Eintrag/ })
      .first()
      .click();
    await page.getByRole("dialog").waitFor();
    await checkA11y();
    await screenshot(page, "19-audit");
  });
});

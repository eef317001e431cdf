// Code passed to page.evaluate runs in the browser; the server tsconfig has no DOM types.
declare const document: any;
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { startApi, type TestApi } from "../helpers/api";
import { loadCentroids } from "../helpers/centroids";
import {
  collectCspViolations,
  ensureUiBuilt,
  launchChromium,
  screenshot,
  seriousA11yViolations,
} from "../helpers/browser";
import { ALL_GROUPS, createReadyPatient, createSearch, createTherapist } from "../helpers/factories";

jest.setTimeout(300_000);

/** The matching work flow of the staff app (docs/ui.md): search → selection → preview → inquiry → answer; bundle run; calls. */
describe("staff app: matching work flow in headless Chromium", () => {
  let api: TestApi;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  let csp: string[];
  const TITLE = " · Therapieplatz-Vermittlung";

  const login = async () => {
    await page.goto(`${api.url}/`);
    await page.getByLabel("E-Mail").fill("staff@test.local");
    await page.getByLabel("Passwort").fill("staff-password-123");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { name: "Übersicht" }).waitFor();
  };
  const pick = async (label: string, option: string) => {
    await page.getByLabel(label).first().click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  const checked = async (name: string) => {
    // the pointer off any control: axe judges the resting colours, not a hover state
    await page.mouse.move(1300, 880);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, name);
  };

  beforeAll(async () => {
    ensureUiBuilt();
    api = await startApi({ groups: ALL_GROUPS, env: { EMAIL_QUEUE_INTERVAL_MS: "100000" } });
    await loadCentroids(api, ["52062", "52064", "52066", "04103", "04107"]);
    chrome = await launchChromium();
  }, 400_000);
  beforeEach(async () => {
    context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "de-DE" });
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    csp = collectCspViolations(page);
    await login();
  });
  afterEach(async () => {
    await context?.close();
    expect(csp ?? []).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await api?.stop();
  });

  it("creates a patient, starts a search, previews and sends an inquiry, records the answer, and shows cooling and placement", async () => {
    const therapist = await createTherapist(api, {
      titel: "Dr.",
      vorname: "Hanna",
      nachname: "Auswahl",
      plz: "52064",
      telefon: "0241 555111",
      telefonische_erreichbarkeit: { montag: ["09:00-10:00"] },
    });
    const other = await createReadyPatient(api, { vorname: "Bruno", nachname: "Mitwartend", plz: "52066" });
    await createSearch(api, other.id);

    // the patient through the form
    await page.getByRole("link", { name: "Patienten", exact: true }).click();
    await page.getByRole("link", { name: "Neuer Patient" }).click();
    await pick("Anrede", "Frau");
    await pick("Geschlecht", "weiblich");
    await page.getByLabel("Vorname").fill("Clara");
    await page.getByLabel("Nachname").fill("Flussweg");
    await page.getByLabel("PLZ").fill("52062");
    await page.getByLabel("Geburtsdatum").fill("01.02.1990");
    await page.getByLabel("Geburtsdatum").press("Tab");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { name: "Frau Clara Flussweg" }).waitFor();
    const [patient] = (await api.staff("GET", "/api/patients?search=Flussweg")).body.data;
    // What a search needs beyond the first form (contracts, payment, symptoms, hours) comes through the API here;
    // the form itself is tested in staff-app.spec.ts.
    const ready = await api.staff("PUT", `/api/patients/${patient.id}`, {
      email: "clara@example.org",
      ort: "Aachen",
      krankenkasse: "AOK",
      symptome: ["Schlafstörungen"],
      erfahrung_mit_psychotherapie: false,
      offen_fuer_gruppentherapie: true,
      zeitliche_verfuegbarkeit: { montag: ["08:00-18:00"] },
      vertraege_unterschrieben: true,
      zahlung_eingegangen: true,
    });
    expect(ready.status).toBe(200);
    await page.reload();

    // start the search: a double click starts one
    await page.getByRole("button", { name: "Platzsuche starten" }).dblclick();
    await page.getByRole("link", { name: /^\d\d\.\d\d\.\d{4}$/ }).click();
    await page.getByRole("heading", { name: "Platzsuche für Clara Flussweg" }).waitFor();
    expect(await page.title()).toBe(`Platzsuche Clara Flussweg${TITLE}`);
    expect((await api.staff("GET", `/api/platzsuchen?patient_id=${patient.id}`)).body.total).toBe(1);
    await checked("10-platzsuche");

    // selection → preview: names, distance, waiting time; "Sofort senden" not ticked
    await page.getByRole("link", { name: "Therapeuten auswählen" }).click();
    await page.getByRole("heading", { name: "Therapeutenauswahl" }).waitFor();
    await page.getByRole("button", { name: "Vorschau für Dr. Hanna Auswahl" }).waitFor();
    await checked("11-auswahl");
    await page.getByRole("button", { name: "Vorschau für Dr. Hanna Auswahl" }).click();
    const preview = page.getByRole("table", { name: "Patienten dieser Anfrage" });
    await preview.getByRole("link", { name: "Clara Flussweg" }).waitFor();
    await preview.getByRole("link", { name: "Bruno Mitwartend" }).waitFor();
    expect(await preview.getByText(/^\d+(,\d)? km$/).count()).toBe(2);
    expect(await page.getByLabel("Sofort senden").isChecked()).toBe(false);
    await checked("12-vorschau");
    await page.getByRole("button", { name: "Anfrage erstellen" }).dblclick();
    await page.getByRole("heading", { name: "Anfrage an Dr. Hanna Auswahl", exact: true }).waitFor();
    const inquiries = (await api.staff("GET", `/api/therapeutenanfragen?therapist_id=${therapist.id}`)).body;
    expect(inquiries.total).toBe(1);
    expect(inquiries.data[0].gesendet_datum).toBeNull();

    // send: the dialog names the patients who will be mailed
    await page.getByRole("button", { name: "Anfrage senden …" }).click();
    const dialog = page.getByRole("dialog", { name: "Anfrage senden?" });
    await dialog.getByText("Clara Flussweg").waitFor();
    await dialog.getByText("Bruno Mitwartend").waitFor();
    await checked("13-anfrage-senden");
    await dialog.getByRole("button", { name: "Jetzt senden" }).click();

    // the answer, per patient with a labelled choice
    await page.getByRole("heading", { name: "Antwort erfassen" }).waitFor();
    await pick("Antwort für Clara Flussweg", "Angenommen");
    await pick("Antwort für Bruno Mitwartend", "Abgelehnt – keine Kapazität");
    await checked("14-anfrage-antwort");
    await page.getByRole("button", { name: "Antwort speichern" }).dblclick();
    await page.getByText(/^bis \d\d\.\d\d\.\d{4} nicht kontaktieren$/).waitFor();
    await page.getByText("vermittelt", { exact: true }).waitFor();
    await checked("15-anfrage");
    const answered = (await api.staff("GET", `/api/therapeutenanfragen/${inquiries.data[0].id}`)).body;
    expect(answered.angenommen_anzahl).toBe(1);

    // the placement on the search page
    await page
      .getByRole("row", { name: /Clara Flussweg/ })
      .getByRole("link", { name: "öffnen" })
      .click();
    await page.getByText("Dr. Hanna Auswahl").first().waitFor();
    await page.getByRole("link", { name: "Anfrage an Dr. Hanna Auswahl" }).waitFor();

    // lists: name search on searches, inquiries
    await page.getByRole("link", { name: "Platzsuchen", exact: true }).click();
    await page.getByLabel("Suche nach Patientenname").fill("Flussweg");
    await page.waitForURL(/search=Flussweg/);
    await page.getByRole("link", { name: "Clara Flussweg" }).waitFor();
    // the list shows the previous page until the filtered one arrives: wait for the single match
    await page.waitForFunction(
      () => document.querySelectorAll('table[aria-label="Platzsuchen"] tbody tr').length === 1,
    );
    await checked("16-platzsuchen");
    await page.getByRole("link", { name: "Anfragen", exact: true }).click();
    await page.getByRole("link", { name: "Dr. Hanna Auswahl" }).waitFor();
    await checked("17-anfragen");
  });

  it("runs the bundle run as dry run, review and commit of exactly the reviewed proposal (once on a double click)", async () => {
    const leipzig: { id: number; vorname: string; nachname: string }[] = [];
    for (const nachname of ["Bündel-Ost", "Bündel-West"])
      leipzig.push(await createTherapist(api, { nachname, plz: "04107", ort: "Leipzig" }));
    for (let i = 0; i < 3; i++)
      await createSearch(api, (await createReadyPatient(api, { plz: "04103", ort: "Leipzig" })).id);

    await page.getByRole("link", { name: "Bündel-Lauf" }).click();
    await page.getByLabel("PLZ-Bereich (leer = bundesweit)").fill("04");
    await page.getByRole("button", { name: "Probelauf starten" }).click();
    for (const t of leipzig)
      await page.getByRole("region", { name: `Bündel für ${t.vorname} ${t.nachname}` }).waitFor();
    await page
      .getByText(/^\d+(,\d)? km$/)
      .first()
      .waitFor();
    expect(
      (await api.staff("GET", "/api/therapeutenanfragen?limit=100")).body.data.filter((a: any) =>
        leipzig.some((t) => t.id === a.therapist_id),
      ),
    ).toHaveLength(0);
    await checked("18-buendel-vorschau");

    await page.getByRole("button", { name: /^Vorschlag übernehmen/ }).dblclick();
    await page.getByText(/^Am \d\d\.\d\d\.\d{4} \d\d:\d\d angelegt/).waitFor();
    const created = (await api.staff("GET", "/api/therapeutenanfragen?limit=100")).body.data.filter(
      (a: any) => leipzig.some((t) => t.id === a.therapist_id),
    );
    expect(created).toHaveLength(2);
    await page.getByRole("link", { name: "Anfrage öffnen" }).first().waitFor();
    await checked("19-buendel-uebernommen");
  });

  it("refuses to commit a reviewed proposal after the data changed, in German", async () => {
    const t = await createTherapist(api, { nachname: "Veraltet", plz: "52064" });
    for (let i = 0; i < 3; i++) await createSearch(api, (await createReadyPatient(api, { plz: "52066" })).id);
    await page.getByRole("link", { name: "Bündel-Lauf" }).click();
    await page.getByLabel("PLZ-Bereich (leer = bundesweit)").fill("52");
    await page.getByRole("button", { name: "Probelauf starten" }).click();
    await page.getByRole("region", { name: `Bündel für ${t.vorname} ${t.nachname}` }).waitFor();
    await createSearch(api, (await createReadyPatient(api, { plz: "52066" })).id);
    await page.getByRole("button", { name: /^Vorschlag übernehmen/ }).click();
    await page.getByText(/Seit dem Probelauf haben sich die Daten geändert/).waitFor();
    await page.getByRole("button", { name: "Neuen Probelauf starten" }).waitFor();
    expect((await api.staff("GET", `/api/therapeutenanfragen?therapist_id=${t.id}`)).body.total).toBe(0);
  });

  it("shows the calls due today with name, number and phone hours, takes the outcome, and fills the dashboard", async () => {
    const t = await createTherapist(api, {
      vorname: "Paul",
      nachname: "Anrufbar",
      email: null,
      telefon: "0241 999000",
      telefonische_erreichbarkeit: { montag: ["08:00-09:00"], donnerstag: ["12:00-12:30"] },
    });
    const today = new Date().toISOString().slice(0, 10);
    const call = await api.staff("POST", "/api/phone-calls", {
      therapist_id: t.id,
      geplantes_datum: today,
      geplante_zeit: "08:15",
    });
    expect(call.status).toBe(201);
    // A fresh browser context (empty cache) shows the JavaScript the logged-in first screen needs.
    const fresh = await chrome.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: "de-DE",
    });
    const scripts: Promise<number>[] = [];
    const firstPage = page;
    page = await fresh.newPage();
    page.on("response", (r) => {
      if (r.url().endsWith(".js") && r.status() === 200)
        scripts.push(r.body().then((b) => gzipSync(b).length));
    });
    await login();
    await page.getByRole("heading", { name: "Übersicht" }).waitFor();
    const due = page.getByRole("region", { name: "Heute anzurufen" });
    await due.getByRole("link", { name: "Paul Anrufbar" }).waitFor();
    await due.getByText("0241 999000").waitFor();
    await due.getByText("Mo 08:00–09:00; Do 12:00–12:30").waitFor();
    // the logged-in first screen (dashboard with its funnel) stays within the budget
    const dashboardKb = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 1024;
    console.info(`first screen after login: ${dashboardKb.toFixed(1)} KB gzipped JavaScript`);
    expect(dashboardKb).toBeLessThanOrEqual(300);
    await fresh.close();
    page = firstPage;
    await page.reload();
    await page.getByRole("list", { name: "Vermittlungstrichter" }).waitFor();
    await checked("20-uebersicht-arbeit");

    await page.getByRole("link", { name: "Telefonate" }).first().click();
    await page.getByRole("button", { name: "Ergebnis erfassen: Paul Anrufbar" }).waitFor();
    expect(await page.title()).toBe(`Telefonate${TITLE}`);
    await checked("21-telefonate");
    await page.getByRole("button", { name: "Ergebnis erfassen: Paul Anrufbar" }).click();
    await page.getByLabel("Was wurde besprochen?").fill("Nimmt ab März wieder Patienten.");
    await checked("22-anruf-ergebnis");
    await page.getByRole("button", { name: "Ergebnis speichern" }).dblclick();
    await page.getByText("Heute ist kein Anruf fällig.").waitFor();
    const saved = (await api.staff("GET", `/api/phone-calls/${call.body.id}`)).body;
    expect(saved).toMatchObject({ status: "abgeschlossen", ergebnis: "Nimmt ab März wieder Patienten." });
  });
});

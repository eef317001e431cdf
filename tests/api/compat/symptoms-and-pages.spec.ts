import { startApi, type TestApi } from "../../helpers/api";
import { ALL_GROUPS, createReadyPatient } from "../../helpers/factories";
import { SYMPTOMS } from "../../../services/shared/symptoms";

/** issue 12.1 (decisions.md 25) and 12.2 (decisions.md 26). */
describe("symptoms 1..6 and page sizes 1..1000", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: [...ALL_GROUPS, "scraper"] });
  }, 120_000);
  afterAll(() => api.stop());

  it("accepts six symptoms on create and update and refuses seven with the contract's message", async () => {
    const six = SYMPTOMS.slice(0, 6);
    const p = await createReadyPatient(api, { symptome: six });
    expect(p.symptome).toEqual(six);
    const seven = SYMPTOMS.slice(0, 7);
    const created = await api.staff("POST", "/api/patients", {
      anrede: "Frau",
      geschlecht: "weiblich",
      vorname: "Sieben",
      nachname: "Symptome",
      symptome: seven,
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toBe("Between 1 and 6 symptoms must be selected");
    const updated = await api.staff("PUT", `/api/patients/${p.id}`, { symptome: seven });
    expect(updated.status).toBe(400);
    expect(updated.body.message).toBe("Between 1 and 6 symptoms must be selected");
    expect((await api.staff("GET", `/api/patients/${p.id}`)).body.symptome).toEqual(six);
    const reordered = await api.staff("PUT", `/api/patients/${p.id}`, { symptome: SYMPTOMS.slice(10, 16) });
    expect(reordered.status).toBe(200);
    expect(reordered.body.symptome).toHaveLength(6);
  });

  it("clamps limit to 1..1000 and page to >= 1 on every list and says so in the answer", async () => {
    await createReadyPatient(api);
    const gateway = api.broker.getLocalService("api") as any;
    const lists: string[] = [];
    for (const a of gateway.aliases) {
      const path: string = a.fullPath ?? a.path;
      if (a.method !== "GET" || !a.action || path.includes(":")) continue;
      const probe = await api.admin("GET", `${path}?limit=1000`);
      if (probe.status !== 200 || !Array.isArray(probe.body?.data) || !("limit" in probe.body)) continue;
      lists.push(path);
      const page = async (q: string) => {
        const r = await api.admin("GET", `${path}?${q}`);
        expect({ path, q, status: r.status }).toEqual({ path, q, status: 200 });
        return { page: r.body.page, limit: r.body.limit };
      };
      expect(probe.body.limit).toBe(1000);
      expect(await page("limit=5000")).toEqual({ page: 1, limit: 1000 });
      expect(await page("limit=0")).toEqual({ page: 1, limit: 1 });
      expect(await page("limit=-4&page=0")).toEqual({ page: 1, limit: 1 });
      expect(await page("page=-3")).toEqual({ page: 1, limit: 20 });
      expect(await page("page=2&limit=999")).toEqual({ page: 2, limit: 999 });
    }
    // The paginated lists of domain.md 4 (and the additions) were all probed.
    expect(lists).toEqual(
      expect.arrayContaining([
        "/api/patients",
        "/api/therapists",
        "/api/platzsuchen",
        "/api/therapeutenanfragen",
        "/api/emails",
        "/api/phone-calls",
        "/api/users",
        "/api/audit",
      ]),
    );
  });
});

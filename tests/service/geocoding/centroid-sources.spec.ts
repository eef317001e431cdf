import { QueryTypes } from "sequelize";
import { startBroker, type TestBroker } from "../../helpers/broker";

type Centroid = { latitude: number; longitude: number } | null;
const practice = (plz: string, latitude: number, longitude: number) => ({ plz, latitude, longitude });

/**
 * Issue 17.1: each PLZ centroid keeps its source and precision, learns from imported 116117 practices, and a
 * worse source never overwrites a better one.
 */
describe("PLZ centroid sources", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: ["geocoding"], env: { PLZ_CENTROIDS_BUILTIN: "true" } });
  }, 60_000);
  afterAll(() => tb.stop());

  const centroid = (plz: string) =>
    tb.broker.call<Centroid, { plz: string }>("geocoding.plzCentroid", { plz });
  const stored = async (plz: string) =>
    (
      await (tb.broker.getLocalService("geocoding") as any).db.query(
        "SELECT source, precision, samples FROM geocoding_service.plz_centroids WHERE plz = :plz",
        { replacements: { plz }, type: QueryTypes.SELECT },
      )
    )[0];
  const learn = (practices: object[]) =>
    tb.broker.call<any, any>("geocoding.learnFromPractices", { practices });

  it("stores the built-in approximation with its basis and precision", async () => {
    expect(await stored("80333")).toEqual({ source: "orte", precision: "ort", samples: null });
  });

  it("moves a PLZ with at least three imported practices to their median, and not one with fewer", async () => {
    const before = await centroid("80333");
    const r = await learn([
      practice("80333", 48.145, 11.565),
      practice("80333", 48.147, 11.569),
      practice("80333", 48.149, 11.571),
      // Filed under the wrong PLZ: the median does not follow it.
      practice("80333", 48.5, 12.2),
      practice("80335", 48.14, 11.55),
      practice("80335", 48.141, 11.551),
      practice(null as unknown as string, 48, 11),
    ]);
    expect(r).toEqual({ plz_with_enough_practices: 1, stored: 1 });
    expect(await centroid("80333")).toEqual({ latitude: 48.148, longitude: 11.57 });
    expect(await centroid("80333")).not.toEqual(before);
    expect(await stored("80333")).toEqual({ source: "praxen", precision: "plz", samples: 4 });
    expect((await stored("80335")).source).not.toBe("praxen");
  });

  it("never lets a worse source overwrite a better one; a loaded list overrides the practices", async () => {
    const svc = tb.broker.getLocalService("geocoding") as any;
    // The built-in approximation again (as on a new start): the learned centroid stays.
    await svc.loadBuiltinCentroids();
    await svc.reloadCentroids();
    expect(await centroid("80333")).toEqual({ latitude: 48.148, longitude: 11.57 });
    expect((await stored("80335")).source).toBe("orte");
    // A list the operator loads is better than practices.
    await svc.storeCentroids([{ plz: "80333", latitude: 48.1423, longitude: 11.5665, source: "liste" }]);
    await svc.reloadCentroids();
    expect(await centroid("80333")).toEqual({ latitude: 48.1423, longitude: 11.5665 });
    // Practices learned later do not move it.
    await learn([
      practice("80333", 48.2, 11.6),
      practice("80333", 48.2, 11.6),
      practice("80333", 48.2, 11.6),
    ]);
    expect(await centroid("80333")).toEqual({ latitude: 48.1423, longitude: 11.5665 });
    expect(await stored("80333")).toMatchObject({ source: "liste", precision: "plz" });
    // Building the built-in centroids again takes seconds, much longer on a busy machine.
  }, 120_000);

  it("refuses malformed practices with a 400 and changes nothing", async () => {
    await expect(learn([{ plz: "80333", latitude: "x", longitude: 1 }])).rejects.toMatchObject({ code: 400 });
  });
});

import { CentroidIndex } from "../../../services/geocoding/domain/centroid-index";
import { nameKey, nameKeys } from "../../../services/geocoding/domain/place-names";

describe("place names are matched however they are written", () => {
  it("folds umlauts, their transcriptions, exonyms, 'St.' and qualifiers onto one key", () => {
    expect(nameKey("München")).toBe(nameKey("Muenchen"));
    expect(nameKey("Munich")).toBe(nameKey("münchen"));
    expect(nameKey("Cologne")).toBe(nameKey("Köln"));
    expect(nameKey("Zulpich")).toBe(nameKey("Zülpich"));
    expect(nameKey("St. Ingbert")).toBe(nameKey("Sankt Ingbert"));
    expect(nameKeys("Marburg an der Lahn")).toContain(nameKey("Marburg"));
    expect(nameKeys("Halle (Saale)")).toContain(nameKey("Halle"));
    expect(nameKeys("Frankfurt am Main")).toContain(nameKey("Frankfurt am Main"));
    expect(nameKey("Frankfurt (Oder)")).not.toBe(nameKey("Frankfurt am Main"));
  });
});

describe("PLZ centroids with neighbours for codes the list lacks", () => {
  const index = new CentroidIndex(
    new Map([
      ["60308", { latitude: 50.12, longitude: 8.67 }],
      ["60311", { latitude: 50.11, longitude: 8.68 }],
      ["65207", { latitude: 50.1, longitude: 8.3 }],
      ["65232", { latitude: 50.12, longitude: 8.22 }],
      ["66111", { latitude: 49.23, longitude: 6.99 }],
    ]),
  );

  it("places a missing code between its neighbours of the same region", () => {
    expect(index.exact("60310")).toBeNull();
    expect(index.locate("60310")).toEqual({ latitude: 50.115, longitude: 8.675 });
    expect(index.locate("65220")).toEqual({ latitude: 50.11, longitude: 8.26 });
    expect(index.locate("60311")).toEqual({ latitude: 50.11, longitude: 8.68 });
  });

  it("invents nothing across regions, far from known codes, or for impossible codes", () => {
    expect(index.locate("61000")).toBeNull(); // region 61 unknown, 60 is another region
    expect(index.locate("66500")).toBeNull(); // 389 codes away from 66111
    expect(index.locate("99999")).toBeNull();
    expect(index.locate("abc")).toBeNull();
  });
});

import { approximateCentroids, type Town } from "../../../services/geocoding/domain/approximate-centroids";

const town = (
  name: string,
  admin1: string,
  latitude: number,
  longitude: number,
  population = 5000,
): Town => ({
  name,
  altNames: [],
  admin1,
  population,
  latitude,
  longitude,
});

describe("approximate PLZ centroids from towns", () => {
  const towns = [
    town("Frankfurt am Main", "05", 50.11, 8.68, 750000),
    town("Frankfurt (Oder)", "11", 52.34, 14.55, 57000),
    town("Neustadt", "08", 49.35, 8.14),
    town("Neustadt", "13", 51.02, 14.21),
    town("Aachen", "07", 50.78, 6.08),
    town("Würselen", "07", 50.82, 6.13),
    town("Stolberg", "07", 50.77, 6.23),
  ];

  it("places a PLZ at its town, in its own Bundesland, with 'am Main' read as part of the name", () => {
    const c = approximateCentroids(
      [
        { plz: "60311", ort: "Frankfurt", zusatz: "am Main", bundesland: "Hessen" },
        { plz: "15230", ort: "Frankfurt", zusatz: "(Oder)", bundesland: "Brandenburg" },
        { plz: "67433", ort: "Neustadt", bundesland: "Rheinland-Pfalz" },
        { plz: "01844", ort: "Neustadt", bundesland: "Sachsen" },
      ],
      towns,
    );
    expect(c.get("60311")).toEqual({ latitude: 50.11, longitude: 8.68, basis: "orte" });
    expect(c.get("15230")).toMatchObject({ latitude: 52.34, longitude: 14.55 });
    expect(c.get("67433")).toMatchObject({ latitude: 49.35, longitude: 8.14 });
    expect(c.get("01844")).toMatchObject({ latitude: 51.02, longitude: 14.21 });
  });

  it("gives a PLZ without a known town the centre of its PLZ region, and leaves an unplaceable one out", () => {
    const c = approximateCentroids(
      [
        { plz: "52062", ort: "Aachen", bundesland: "Nordrhein-Westfalen" },
        { plz: "52146", ort: "Würselen", bundesland: "Nordrhein-Westfalen" },
        { plz: "52222", ort: "Stolberg", bundesland: "Nordrhein-Westfalen" },
        { plz: "52999", ort: "Kleinstdorf", bundesland: "Nordrhein-Westfalen" },
        { plz: "99999", ort: "Nirgendwo", bundesland: "Thüringen" },
      ],
      towns,
    );
    expect(c.get("52999")).toEqual({ latitude: 50.78, longitude: 6.13, basis: "nachbarn" });
    expect(c.has("99999")).toBe(false);
  });

  it("lets the places of one telephone area choose among namesakes, and drops a namesake of a missing village", () => {
    const c = approximateCentroids(
      [
        // Area 8158: Tutzing and Bernried lie together; "Buchholz" there is a village the town list lacks.
        { plz: "82327", ort: "Tutzing", bundesland: "Bayern", vorwahl: "8158" },
        { plz: "82347", ort: "Bernried", bundesland: "Bayern", vorwahl: "8158" },
        { plz: "82348", ort: "Neustadt", bundesland: "Bayern", vorwahl: "8158" },
        { plz: "82349", ort: "Buchholz", bundesland: "Bayern", vorwahl: "8158" },
      ],
      [
        town("Tutzing", "02", 47.91, 11.28),
        town("Bernried", "02", 47.87, 11.29),
        town("Neustadt", "02", 47.95, 11.3, 1000),
        town("Neustadt", "02", 49.73, 12.17, 20000),
        town("Buchholz", "02", 49.5, 10.5, 30000),
      ],
    );
    expect(c.get("82348")).toEqual({ latitude: 47.95, longitude: 11.3, basis: "orte" });
    // Not the larger Buchholz 180 km away: the centre of its area.
    const b = c.get("82349")!;
    expect(b.basis).toBe("vorwahl");
    expect(Math.abs(b.latitude - 47.91)).toBeLessThan(0.1);
  });
});

import { coolingUntil } from "../../../services/matching/domain/notes";
import {
  foldUmlauts,
  inCooling,
  practiceOwner,
  selectTherapists,
  tierOf,
} from "../../../services/matching/domain/selection";

let id = 0;
const t = (o: Record<string, unknown> = {}) => ({
  id: ++id,
  vorname: "A",
  nachname: "Z",
  titel: null as string | null,
  email: null as string | null,
  potenziell_verfuegbar: false,
  ueber_curavani_informiert: false,
  naechster_kontakt_moeglich: null as string | null,
  ...o,
});

describe("therapist selection (domain.md 3.4)", () => {
  it("orders the 8 tiers, then names", () => {
    const list = [
      t({ nachname: "Acht" }),
      t({ nachname: "Eins", email: "a@x.de", potenziell_verfuegbar: true, ueber_curavani_informiert: true }),
      t({ nachname: "Vier", email: "b@x.de" }),
      t({ nachname: "Fünf", potenziell_verfuegbar: true, ueber_curavani_informiert: true }),
      t({ nachname: "Zwei", email: "c@x.de", potenziell_verfuegbar: true }),
      t({ nachname: "Drei", email: "d@x.de", ueber_curavani_informiert: true }),
    ];
    expect(selectTherapists(list, new Set(), "2026-11-22").map((x) => x.nachname)).toEqual([
      "Eins",
      "Zwei",
      "Drei",
      "Vier",
      "Fünf",
      "Acht",
    ]);
    expect(list.map(tierOf)).toEqual([7, 0, 3, 4, 1, 2]);
  });

  it("drops pending and cooling therapists; a cooling or pending member hides the whole practice", () => {
    const pending = t({ email: "praxis@x.de" });
    const partner = t({ email: " Praxis@X.de " });
    const cooling = t({ naechster_kontakt_moeglich: "2026-11-23" });
    const free = t({ naechster_kontakt_moeglich: "2026-11-22" });
    const out = selectTherapists([pending, partner, cooling, free], new Set([pending.id]), "2026-11-22");
    expect(out.map((x) => x.id)).toEqual([free.id]);
  });

  it("chooses the practice owner by surname in the address (umlauts folded), then Prof. over Dr., then lowest id", () => {
    const mueller = t({ nachname: "Müller", email: "info@praxis-mueller.de" });
    const prof = t({ nachname: "Schmidt", titel: "Prof. Dr.", email: "info@praxis-mueller.de" });
    expect(practiceOwner([prof, mueller]).id).toBe(mueller.id);
    const dr = t({ nachname: "Klein", titel: "Dr.", email: "kontakt@zentrum.de" });
    const pr = t({ nachname: "Groß", titel: "Prof.", email: "kontakt@zentrum.de" });
    const plain = t({ nachname: "Weiß", email: "kontakt@zentrum.de" });
    expect(practiceOwner([plain, dr, pr]).id).toBe(pr.id);
    expect(practiceOwner([t({ email: "x@y.de", nachname: "B" }), plain]).id).toBe(plain.id);
    expect(foldUmlauts("Weißgärber-Öz")).toBe("weissgaerber-oez");
  });

  it("brings a therapist back exactly 28 days after an answer", () => {
    const until = coolingUntil("2026-11-22", 4);
    expect(until).toBe("2026-12-20");
    expect(inCooling({ naechster_kontakt_moeglich: until }, "2026-12-19")).toBe(true);
    expect(inCooling({ naechster_kontakt_moeglich: until }, "2026-12-20")).toBe(false);
  });
});

import fc from "fast-check";
import {
  ageInterval,
  chordLimit2,
  ConstraintTable,
  unitVector,
} from "../../../services/matching/domain/bundle/prefilter";
import { buildRadiusGrids } from "../../../services/matching/domain/bundle/search-index";
import {
  hardConstraintFailure,
  type SearchForMatching,
  type TherapistForMatching,
} from "../../../services/matching/domain/eligibility";
import { haversineKm } from "../../../services/shared/geo";

// Values as stored plus the odd ones a hand-edited row might hold: the prefilter must not care.
const gender = fc.constantFrom<any>("männlich", "weiblich", "divers", "keine_Angabe", null, undefined, "");
const wanted = fc.constantFrom<any>("Männlich", "Weiblich", "Egal", null, undefined, "Divers", "");
const method = fc.constantFrom<any>(
  "egal",
  "Verhaltenstherapie",
  "tiefenpsychologisch_fundierte_Psychotherapie",
  null,
  undefined,
  "",
);
const ageLimit = fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: -5, max: 90 }));
const lat = fc.double({ min: 47, max: 55, noNaN: true });
const lon = fc.double({ min: 5.5, max: 15.5, noNaN: true });

const searchArb = fc.record({
  geschlecht: gender,
  bevorzugtes_therapeutengeschlecht: wanted,
  bevorzugtes_therapieverfahren: method,
  offen_fuer_gruppentherapie: fc.constantFrom<any>(true, false, null),
  age: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 })),
  latitude: lat,
  longitude: lon,
  max_km: fc.constantFrom(1, 5, 10, 25, 50, 120),
  excluded: fc.boolean(),
});
const therapistArb = fc.record({
  geschlecht: gender,
  psychotherapieverfahren: method,
  geschlechtspraeferenz: wanted,
  bevorzugt_gruppentherapie: fc.constantFrom<any>(true, false, null),
  alter_min: ageLimit,
  alter_max: ageLimit,
  latitude: lat,
  longitude: lon,
});

const toSearch = (s: any): SearchForMatching => ({
  ...s,
  platzsuche_id: 1,
  patient_id: 1,
  created_at: "2026-01-01T00:00:00.000Z",
  excluded_therapist_ids: new Set(s.excluded ? [7] : []),
});
const toTherapist = (t: any): TherapistForMatching => ({ ...t, id: 7 });

describe("bundle prefilters never drop a pair the hard constraints accept", () => {
  it("constraint table, age interval and chord distance", () => {
    fc.assert(
      fc.property(fc.array(searchArb, { minLength: 1, maxLength: 8 }), therapistArb, (raw, rawT) => {
        const searches = raw.map(toSearch);
        const t = toTherapist(rawT);
        const table = new ConstraintTable();
        const classes = searches.map((s) => table.searchClass(s));
        const row = table.rowFor(t);
        const ages = ageInterval(t);
        const tv = new Float64Array(3);
        const sv = new Float64Array(3);
        unitVector(t.latitude!, t.longitude!, tv, 0);
        searches.forEach((s, k) => {
          unitVector(s.latitude!, s.longitude!, sv, 0);
          const c2 = (sv[0] - tv[0]) ** 2 + (sv[1] - tv[1]) ** 2 + (sv[2] - tv[2]) ** 2;
          const dropped =
            row[classes[k]] === 0 ||
            c2 > chordLimit2(s.max_km) ||
            (ages !== null && !((s.age ?? NaN) >= ages[0] && (s.age ?? NaN) <= ages[1]));
          const d = haversineKm(s.latitude!, s.longitude!, t.latitude!, t.longitude!);
          if (dropped) expect(hardConstraintFailure(s, t, d)).not.toBeNull();
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("the chord limit keeps pairs exactly at the travel distance and drops clearly farther ones", () => {
    fc.assert(
      fc.property(
        lat,
        lon,
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 6.28, noNaN: true }),
        (a, b, km, bearing) => {
          // A point km away along the bearing (small-distance approximation, then the exact distance decides).
          const dLat = (km / 111.195) * Math.cos(bearing);
          const dLon = ((km / 111.195) * Math.sin(bearing)) / Math.cos((a * Math.PI) / 180);
          const d = haversineKm(a, b, a + dLat, b + dLon);
          const u = new Float64Array(3);
          const v = new Float64Array(3);
          unitVector(a, b, u, 0);
          unitVector(a + dLat, b + dLon, v, 0);
          const c2 = (u[0] - v[0]) ** 2 + (u[1] - v[1]) ** 2 + (u[2] - v[2]) ** 2;
          expect(c2 <= chordLimit2(d)).toBe(true);
          expect(c2 <= chordLimit2(d * 0.999)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("the grid query returns every search within its travel distance that was not removed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lat, lon, km: fc.constantFrom(3, 10, 25, 50, 77), gone: fc.boolean() }), {
          minLength: 1,
          maxLength: 120,
        }),
        lat,
        lon,
        (points, qLat, qLon) => {
          const n = points.length;
          const la = Float64Array.from(points, (p) => p.lat);
          const lo = Float64Array.from(points, (p) => p.lon);
          const km = Float64Array.from(points, (p) => p.km);
          const { grids, order, gridOf } = buildRadiusGrids([...Array(n).keys()], la, lo, km);
          // As the engine does: the item's budget drops to 0, then its grid hears of it.
          const alive = new Int32Array(n).fill(1);
          order.forEach((i, p) => {
            if (!points[i].gone) return;
            alive[p] = 0;
            grids[gridOf[p]].remove(alive);
          });
          const found = new Set<number>();
          for (const g of grids) {
            const spans = new Int32Array(g.spanCapacity);
            const count = g.near(qLat, qLon, spans);
            for (let k = 0; k < count; k += 2)
              for (let s = spans[k]; s < spans[k + 1]; s++)
                if (alive[g.slots[s]]) found.add(order[g.slots[s]]);
          }
          for (let i = 0; i < n; i++) {
            if (points[i].gone) expect(found.has(i)).toBe(false);
            else if (haversineKm(la[i], lo[i], qLat, qLon) <= km[i]) expect(found.has(i)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

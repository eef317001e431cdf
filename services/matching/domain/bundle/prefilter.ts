import { hardConstraintFailure, type SearchForMatching, type TherapistForMatching } from "../eligibility";

/**
 * Cheap tests that exclude a pair only when hardConstraintFailure (eligibility.ts, the single definition of
 * the rules) would exclude it too; every pair that passes is still checked by that function before it counts.
 * A property test (tests/unit/matching/bundle-prefilter.spec.ts) holds them to that.
 */

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
// Slack for rounding: the prefilter keeps borderline pairs, the exact haversine decides them.
const SLACK = 1e-9;

/** Unit vector of a position: the chord between two of them is monotone in the great-circle distance. */
export function unitVector(lat: number, lon: number, out: Float64Array, at: number): void {
  const φ = lat * RAD;
  const λ = lon * RAD;
  out[at] = Math.cos(φ) * Math.cos(λ);
  out[at + 1] = Math.cos(φ) * Math.sin(λ);
  out[at + 2] = Math.sin(φ);
}

/** Largest squared chord of two unit vectors whose haversine distance can still be within `km`. */
export function chordLimit2(km: number): number {
  if (!(km >= 0)) return km > 0 ? Infinity : -1;
  const half = Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM));
  const c = 2 * Math.sin(half) * (1 + SLACK) + SLACK;
  return c * c;
}

/** A lower bound of the haversine distance (km) of two points from their squared chord. */
export const distanceAtLeast = (chord2: number) =>
  Math.max(0, EARTH_RADIUS_KM * Math.sqrt(chord2) * (1 - SLACK) - SLACK);

type SearchFields = Pick<
  SearchForMatching,
  | "geschlecht"
  | "bevorzugtes_therapeutengeschlecht"
  | "bevorzugtes_therapieverfahren"
  | "offen_fuer_gruppentherapie"
>;
type TherapistFields = Pick<
  TherapistForMatching,
  "geschlecht" | "psychotherapieverfahren" | "geschlechtspraeferenz" | "bevorzugt_gruppentherapie"
>;

/** Interns value tuples: equal tuples (SameValueZero per value, as Map keys) get one small number. */
class Classes<T> {
  readonly members: T[] = [];
  private readonly root = new Map<unknown, unknown>();
  constructor(private readonly key: (v: T) => unknown[]) {}
  idOf(v: T): number {
    const values = this.key(v);
    let node = this.root;
    for (let k = 0; k < values.length - 1; k++) {
      let next = node.get(values[k]) as Map<unknown, unknown> | undefined;
      if (!next) node.set(values[k], (next = new Map()));
      node = next;
    }
    const last = values[values.length - 1];
    let id = node.get(last) as number | undefined;
    if (id === undefined) {
      id = this.members.length;
      node.set(last, id);
      this.members.push(v);
    }
    return id;
  }
}

/**
 * Gender, method and group rules as a table over classes of equal values, filled by asking
 * hardConstraintFailure itself about one member of each class pair with distance, exclusions and age taken out
 * of play; those checks read nothing else, so a pair whose class pair fails fails the real check as well.
 */
export class ConstraintTable {
  private readonly searches = new Classes<SearchFields>((s) => [
    s.geschlecht,
    s.bevorzugtes_therapeutengeschlecht,
    s.bevorzugtes_therapieverfahren,
    s.offen_fuer_gruppentherapie,
  ]);
  private readonly therapists = new Classes<TherapistFields>((t) => [
    t.geschlecht,
    t.psychotherapieverfahren,
    t.geschlechtspraeferenz,
    t.bevorzugt_gruppentherapie,
  ]);
  private readonly rows = new Map<number, Uint8Array>();

  searchClass(s: SearchFields): number {
    if (this.rows.size) throw new Error("classes are fixed once rows were read");
    return this.searches.idOf(s);
  }

  /** 1 where the therapist's class may pass with the search class at that position. */
  rowFor(t: TherapistFields): Uint8Array {
    const id = this.therapists.idOf(t);
    let row = this.rows.get(id);
    if (!row) {
      const rep = this.therapists.members[id];
      const therapist: TherapistForMatching = {
        id: -1,
        geschlecht: rep.geschlecht,
        psychotherapieverfahren: rep.psychotherapieverfahren,
        geschlechtspraeferenz: rep.geschlechtspraeferenz,
        bevorzugt_gruppentherapie: rep.bevorzugt_gruppentherapie,
        alter_min: null,
        alter_max: null,
        latitude: 0,
        longitude: 0,
      };
      row = Uint8Array.from(this.searches.members, (s) => {
        const search: SearchForMatching = {
          ...s,
          platzsuche_id: -1,
          patient_id: -1,
          created_at: "",
          excluded_therapist_ids: new Set(),
          age: 40,
          latitude: 0,
          longitude: 0,
          max_km: Infinity,
        };
        return hardConstraintFailure(search, therapist, 0) === null ? 1 : 0;
      });
      this.rows.set(id, row);
    }
    return row;
  }
}

/**
 * The therapist's age limits as an interval (the same `|| 0` reading as eligibility.ts); null when the
 * therapist has none. A patient of unknown age (NaN) is outside every interval, as there.
 */
export function ageInterval(
  t: Pick<TherapistForMatching, "alter_min" | "alter_max">,
): [number, number] | null {
  const min = t.alter_min || 0;
  const max = t.alter_max || 0;
  if (!(min > 0 || max > 0)) return null;
  return [min > 0 ? min : -Infinity, max > 0 ? max : Infinity];
}

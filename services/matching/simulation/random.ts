/**
 * Seeded randomness for the simulator. Two kinds:
 *
 * - `stream(seed, name)`: a sequence (mulberry32, Tommy Ettinger's 32-bit generator, period 2^32), used where
 *   draws happen once in a fixed order (building the region and the patients).
 * - `keyed(seed, name, a, b, c)`: one uniform number for a key, a counter-based draw (the key is mixed into one
 *   32-bit state with the murmur3 finaliser, then one mulberry32 step). Behaviour draws are keyed by what they
 *   are about (therapist, patient, day), not by the order in which a strategy asks: every strategy sees the
 *   same answer from therapist 17 about patient 402, which is what makes strategies comparable ("common random
 *   numbers").
 */
export type Random = () => number;

/** FNV-1a of a name: turns a stream name into a 32-bit salt. */
function salt(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** murmur3's 32-bit finaliser: every input bit changes every output bit with probability about 1/2. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mulberryStep(a: number): number {
  let t = (a + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function stream(seed: number, name: string): Random {
  let a = fmix((seed >>> 0) ^ salt(name));
  return () => {
    const u = mulberryStep(a);
    a = (a + 0x6d2b79f5) >>> 0;
    return u;
  };
}

/** A keyed draw: salt per name computed once, then a few multiplications per call. */
export function keyed(seed: number, name: string): (a: number, b?: number, c?: number) => number {
  const base = fmix((seed >>> 0) ^ salt(name));
  return (a, b = 0, c = 0) => {
    let h = fmix(base ^ Math.imul(a | 0, 0x9e3779b1));
    h = fmix(h ^ Math.imul(b | 0, 0x85ebca77));
    h = fmix(h ^ Math.imul(c | 0, 0xc2b2ae3d));
    return mulberryStep(h);
  };
}

/** Poisson-distributed count (Knuth's method; the means here are small). */
export function poisson(u: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(u)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = u();
  while (p > limit) {
    k++;
    p *= u();
  }
  return k;
}

/** Standard normal (Box–Muller). */
export function normal(u: Random): number {
  const a = Math.max(u(), 1e-12);
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

/** Whole days of a geometric-like delay with the given mean (at least `min`). */
export function delayDays(uniform: number, mean: number, min = 1): number {
  return min + Math.floor(-Math.log(Math.max(uniform, 1e-12)) * Math.max(0, mean - min));
}

export const pick = <T>(u: Random, list: readonly T[]): T => list[Math.floor(u() * list.length)];

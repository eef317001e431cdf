/**
 * Federal state of a practice from its PLZ (for public holidays, decisions.md 14). PLZ regions do not follow
 * state borders exactly; this table uses the state covering most of each range, which is right for the
 * large majority of addresses. Codes as used by feiertagejs.
 */
export type State =
  | "BW"
  | "BY"
  | "BE"
  | "BB"
  | "HB"
  | "HH"
  | "HE"
  | "MV"
  | "NI"
  | "NW"
  | "RP"
  | "SL"
  | "SN"
  | "ST"
  | "SH"
  | "TH";

const RANGES: [number, number, State][] = [
  [1001, 1936, "SN"],
  [1937, 1998, "BB"],
  [2000, 2999, "SN"],
  [3000, 3253, "BB"],
  [4000, 4579, "SN"],
  [4580, 4639, "TH"],
  [4640, 4889, "SN"],
  [4890, 4938, "BB"],
  [4940, 4999, "SN"],
  [6000, 6548, "ST"],
  [6549, 6578, "TH"],
  [6579, 6999, "ST"],
  [7000, 7999, "TH"],
  [8000, 9999, "SN"],
  [10000, 14999, "BE"],
  [14400, 14999, "BB"],
  [15000, 16999, "BB"],
  [17000, 19999, "MV"],
  [17268, 17291, "BB"],
  [19300, 19399, "BB"],
  [20000, 21999, "HH"],
  [21200, 21899, "NI"],
  [21465, 21521, "SH"],
  [22000, 22999, "HH"],
  [22800, 22999, "SH"],
  [23000, 25999, "SH"],
  [26000, 27499, "NI"],
  [27500, 27580, "HB"],
  [27581, 27999, "NI"],
  [28000, 28779, "HB"],
  [28780, 29999, "NI"],
  [30000, 31999, "NI"],
  [32000, 33999, "NW"],
  [34000, 36399, "HE"],
  [36400, 37199, "TH"],
  [37000, 37199, "NI"],
  [37200, 37299, "HE"],
  [37300, 37359, "TH"],
  [37400, 37999, "NI"],
  [38000, 38799, "NI"],
  [38486, 38489, "ST"],
  [38800, 39999, "ST"],
  [40000, 48999, "NW"],
  [49000, 49999, "NI"],
  [50000, 53999, "NW"],
  [54000, 56999, "RP"],
  [57000, 59999, "NW"],
  [60000, 63999, "HE"],
  [63700, 63999, "BY"],
  [64000, 65999, "HE"],
  [66000, 66839, "SL"],
  [66482, 66509, "RP"],
  [66840, 67999, "RP"],
  [68000, 69999, "BW"],
  [68500, 68649, "HE"],
  [70000, 79999, "BW"],
  [80000, 87999, "BY"],
  [88000, 89199, "BW"],
  [89200, 89999, "BY"],
  [90000, 96999, "BY"],
  [97000, 97999, "BY"],
  [98000, 99999, "TH"],
];

/** The most specific (narrowest) range containing the PLZ wins, so exceptions can sit inside wide ranges. */
export function stateOfPlz(plz: string | null | undefined): State | null {
  if (!plz || !/^\d{5}$/.test(plz)) return null;
  const n = Number(plz);
  let best: [number, number, State] | null = null;
  for (const r of RANGES) if (n >= r[0] && n <= r[1] && (!best || r[1] - r[0] < best[1] - best[0])) best = r;
  return best ? best[2] : null;
}

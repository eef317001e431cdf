const isSpace = (c: number) =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const AT = 0x40;
const COLON = 0x3a;
const DOT = 0x2e;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * The first e-mail address in a line, the same match as `/[^\s@:]+@[^\s@]+\.[A-Za-z]{2,}/` (leftmost start,
 * greedy domain ending in the last ".xx" of the run) found in one pass: the regular expression backtracked over
 * every start and every dot, and one 120 KB line of e-mail-like text blocked the process for 9 s.
 * Each '@' is looked at once; the text before it is bounded by the previous '@', the text after it by the next.
 */
export function findEmail(line: string): string | null {
  const n = line.length;
  let from = 0;
  for (let at = line.indexOf("@"); at !== -1; at = line.indexOf("@", at + 1)) {
    // Local part: the run of [^\s@:] that ends right before the '@' (at least one character).
    let start = at;
    while (start > from) {
      const c = line.charCodeAt(start - 1);
      if (c === AT || c === COLON || isSpace(c)) break;
      start--;
    }
    from = at + 1;
    if (start === at) continue;
    // Domain: the run of [^\s@] after the '@'; the match ends after the letters of its last ".xx" (a dot with
    // at least one character before it and two letters after it).
    let end = at + 1;
    while (end < n) {
      const c = line.charCodeAt(end);
      if (c === AT || isSpace(c)) break;
      end++;
    }
    for (let dot = end - 3; dot >= at + 2; dot--) {
      if (line.charCodeAt(dot) !== DOT) continue;
      if (!isLetter(line.charCodeAt(dot + 1)) || !isLetter(line.charCodeAt(dot + 2))) continue;
      let stop = dot + 3;
      while (stop < end && isLetter(line.charCodeAt(stop))) stop++;
      return line.slice(start, stop);
    }
  }
  return null;
}

import { Parser, type Handler, type ParserOptions } from "htmlparser2";

/**
 * htmlparser2's open-element stack keeps the innermost element at index 0 (`unshift`/`shift`) and finds a
 * closing tag with `indexOf`: both cost the nesting depth, so 100,000 nested elements took minutes. This stack
 * has the same interface with the innermost element at the end of an array (push/pop) and a count per name, so
 * a closing tag that matches nothing open is refused at once and a search never walks further than the
 * elements it then closes: every operation is amortised O(1).
 */
class OpenElements<T> {
  private items: T[] = [];
  private counts = new Map<T, number>();

  constructor(initial: T[] = []) {
    for (const v of initial.reverse()) this.unshift(v);
  }

  get length(): number {
    return this.items.length;
  }

  set length(n: number) {
    while (this.items.length > n) this.shift();
  }

  /** Index 0 is the innermost element, as in the array it replaces. */
  at(i: number): T | undefined {
    return this.items[this.items.length - 1 - i];
  }

  unshift(v: T): number {
    this.items.push(v);
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    return this.items.length;
  }

  shift(): T | undefined {
    const v = this.items.pop();
    if (v !== undefined) this.counts.set(v, (this.counts.get(v) ?? 1) - 1);
    return v;
  }

  indexOf(v: T): number {
    if (!this.counts.get(v)) return -1;
    for (let i = this.items.length - 1; i >= 0; i--)
      if (this.items[i] === v) return this.items.length - 1 - i;
    return -1;
  }
}

/** The parser reads `stack[0]` and `stack[i]`: numeric keys are answered by `at`, everything else as is. */
function asArray<T>(stack: OpenElements<T>): T[] {
  return new Proxy(stack, {
    get(target, key) {
      if (typeof key === "string" && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57)
        return target.at(Number(key));
      const v = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  }) as unknown as T[];
}

/**
 * htmlparser2's streaming parser (SAX-style callbacks, no tree) with the depth-linear stacks replaced: linear in
 * the input however deep it nests. Pinned to htmlparser2 10.1.0, whose `stack` and `foreignContext` fields this
 * replaces (a unit test parses 200,000 nested elements within a second).
 */
export class LinearParser extends Parser {
  constructor(cbs: Partial<Handler>, options?: ParserOptions) {
    super(cbs, options);
    const self = this as unknown as { stack: unknown; foreignContext: unknown };
    self.stack = asArray(new OpenElements<string>());
    self.foreignContext = asArray(new OpenElements<boolean>([!!options?.xmlMode]));
  }
}

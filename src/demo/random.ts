/**
 * A small seeded pseudo-random generator for the demo and benchmark data.
 *
 * Generated data must be reproducible: the shipped demo file, the benchmark's 100k and 1M sets
 * and the tests all depend on "same seed, same postings", on every machine and Node version.
 * `Math.random` cannot be seeded, so nothing under `src/demo/` uses it.
 *
 * The core is sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes
 * PractRand to well beyond what we draw, and runs on 32-bit integer operations only, which V8
 * keeps unboxed. The seed is spread over the state with splitmix32, so seeds 1 and 2 give
 * unrelated streams rather than nearly equal ones.
 *
 * @example
 * const rng = new Random(42);
 * rng.int(1, 6);                                  // a die roll
 * rng.pick(['London', 'Leeds']);                  // one of them
 * rng.weightedPick([['year', 8], ['hour', 2]]);   // 'year' four times in five
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any integer; the same seed always gives the same sequence. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) {
      throw new RangeError(`Random: seed must be an integer, got ${String(seed)}`);
    }
    let s = seed >>> 0;
    const splitmix32 = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    // The first outputs of sfc32 still echo the seed; the reference implementation discards 12.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p` (0 never, 1 always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty array, which is always a vocabulary bug. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Random.pick: empty array');
    return item;
  }

  /**
   * One value from `[value, weight]` pairs, with probability proportional to its weight.
   * Weights need not sum to anything in particular.
   */
  weightedPick<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const entry of entries) total += entry[1];
    let r = this.next() * total;
    for (const entry of entries) {
      r -= entry[1];
      if (r < 0) return entry[0];
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('Random.weightedPick: no entries');
    return last[0];
  }

  /** One object from a list whose items carry an optional `weight` (default 1). */
  weightedItem<T extends { readonly weight?: number }>(items: readonly T[]): T {
    let total = 0;
    for (const item of items) total += item.weight ?? 1;
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight ?? 1;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new RangeError('Random.weightedItem: no items');
    return last;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct elements in random order (all of them if there are fewer); input untouched. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    // A partial Fisher-Yates: only the first n positions need to be settled.
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    copy.length = n;
    return copy;
  }
}

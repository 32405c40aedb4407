/**
 * Bounded-memory summaries of a stream of values, so profiling memory does not grow with the file:
 * a HyperLogLog distinct estimate, a seeded reservoir sample for quantiles, and a pruned frequency
 * table for the most common values. Each costs a fixed amount per column whatever the row count.
 */

/** murmur3's 32-bit finaliser: spreads every input bit over the whole hash. */
export function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over bytes, finalised: a cheap, well-spread hash of a field's raw bytes. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  return mix32(h);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A hash of a number's value (so "1" and "1.0" are one value). */
export function hashNumber(value: number): number {
  f64[0] = value === 0 ? 0 : value; // -0 and 0 are one value
  return mix32((u32[0] as number) ^ mix32((u32[1] as number) ^ 0x9e3779b9));
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** HyperLogLog with 2^12 registers: about 1.6% standard error, 4 KiB per column. */
export class HyperLogLog {
  static readonly precision = 12;
  private readonly registers = new Uint8Array(1 << HyperLogLog.precision);

  add(hash: number): void {
    const p = HyperLogLog.precision;
    const index = hash >>> (32 - p);
    const rank = Math.clz32((hash << p) | (1 << (p - 1))) + 1;
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
  }

  estimate(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros += 1;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    let estimate = (alpha * m * m) / sum;
    if (estimate <= 2.5 * m && zeros > 0) estimate = m * Math.log(m / zeros);
    else if (estimate > 2 ** 32 / 30) estimate = -(2 ** 32) * Math.log(1 - estimate / 2 ** 32);
    return Math.round(estimate);
  }
}

/** A small deterministic PRNG (mulberry32): the same seed samples the same rows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform sample of at most `capacity` values (Li's Algorithm L: after the reservoir fills, it
 * draws how many values to skip, so most values cost one comparison). Below capacity it holds every
 * value and quantiles are exact.
 */
export class Reservoir {
  private readonly values: Float64Array;
  private size = 0;
  private seen = 0;
  private nextIndex = 0;
  private w = 1;
  private readonly random: () => number;

  constructor(
    readonly capacity: number,
    seed: number,
  ) {
    this.values = new Float64Array(capacity);
    this.random = prng(seed);
  }

  add(value: number): void {
    const seen = this.seen++;
    if (this.size < this.capacity) {
      this.values[this.size++] = value;
      if (this.size === this.capacity) this.skip();
      return;
    }
    if (seen !== this.nextIndex) return;
    this.values[Math.floor(this.random() * this.capacity)] = value;
    this.skip();
  }

  private skip(): void {
    // The index of the next value to keep: after the one just seen, skipping a geometric run.
    this.w *= Math.exp(Math.log(this.random() || Number.MIN_VALUE) / this.capacity);
    this.nextIndex = this.seen + Math.floor(Math.log(this.random() || Number.MIN_VALUE) / Math.log(1 - this.w));
  }

  /** Whether every value seen is held (so quantiles are exact). */
  get exact(): boolean {
    return this.seen <= this.capacity;
  }

  /** Quantiles (linear interpolation between order statistics) of the sample, or null when empty. */
  quantiles(probabilities: readonly number[]): number[] | null {
    if (this.size === 0) return null;
    const sorted = this.values.slice(0, this.size).sort();
    return probabilities.map((p) => {
      const position = p * (sorted.length - 1);
      const lo = Math.floor(position);
      const hi = Math.min(lo + 1, sorted.length - 1);
      const a = sorted[lo] as number;
      const b = sorted[hi] as number;
      return a + (b - a) * (position - lo);
    });
  }
}

/**
 * Counts of the most frequent values in bounded memory: an exact table until it holds twice the
 * capacity, then pruned the Misra–Gries way. After a prune the counts are lower bounds and `exact`
 * turns false.
 */
export class FrequentValues {
  private counts = new Map<string, number>();
  private pruned = false;

  constructor(readonly capacity: number) {}

  add(value: string, times = 1): void {
    const counts = this.counts;
    counts.set(value, (counts.get(value) ?? 0) + times);
    if (counts.size >= this.capacity * 2) this.prune();
  }

  get exact(): boolean {
    return !this.pruned;
  }

  /** Distinct values held (all of them while exact). */
  get size(): number {
    return this.counts.size;
  }

  top(n: number): Array<{ value: string; count: number }> {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }

  /**
   * Misra–Gries: subtract the (capacity+1)-th largest count from every count and drop what falls
   * to zero. A value more frequent than 1/capacity of everything seen always survives, and every
   * kept count is a lower bound of the true one.
   */
  private prune(): void {
    this.pruned = true;
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const cut = sorted[this.capacity] ?? 0;
    const kept = new Map<string, number>();
    for (const [value, count] of this.counts) if (count > cut) kept.set(value, count - cut);
    this.counts = kept;
  }
}

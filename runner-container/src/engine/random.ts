/** A small seeded generator (mulberry32): the same seed gives the same stream on every platform. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `k` distinct integers from [0, n), ascending. */
  sample(n: number, k: number): Int32Array {
    const picked = new Uint8Array(n);
    let chosen = 0;
    // Floyd's algorithm: k draws, each adding exactly one new element.
    for (let j = n - k; j < n; j++) {
      const t = Math.floor(this.next() * (j + 1));
      if (picked[t] === 0) picked[t] = 1;
      else picked[j] = 1;
      chosen++;
    }
    const out = new Int32Array(chosen);
    let i = 0;
    for (let r = 0; r < n; r++) if (picked[r] === 1) out[i++] = r;
    return out;
  }
}

/**
 * Gradient histograms. A node's histogram holds, for every feature and bin, the sums of gradient
 * and hessian of the node's rows and, when a training run needs it, their count: slot
 * (f·stride + bin)·C + {0: g, 1: h, 2: count}, with C channels (2 or 3). Counts cost a third of the
 * kernel's writes and are needed only to enforce min_data_in_leaf > 1 (see `histogramChannels`).
 * A child's histogram is built from its rows only when it is the smaller child; the larger one is
 * its parent's minus the smaller (the subtraction trick).
 */

export type HistogramChannels = 2 | 3;

/**
 * Channels of a training run: 3 (with counts) when min_data_in_leaf > 1, else 2. Without counts, a
 * bin or side of a split holds rows when its hessian sum is positive (see split.ts). `forced` is for
 * tests comparing the two layouts; 2 cannot enforce min_data_in_leaf > 1 and is refused there.
 */
export function histogramChannels(minDataInLeaf: number, forced?: HistogramChannels): HistogramChannels {
  if (forced === 2 && minDataInLeaf > 1) throw new Error('min_data_in_leaf > 1 needs counts (3 channels)');
  return forced ?? (minDataInLeaf > 1 ? 3 : 2);
}

/** Fills features [f0, f1) of the histogram at `offset` from rows[begin..end). */
export type HistogramKernel = (
  bins: Uint8Array,
  nFeatures: number,
  rows: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  offset: number,
  stride: number,
  f0: number,
  f1: number,
) => void;

// The two kernels are separate functions, not one with a channel parameter: a loop over C
// channels, or a test of C per cell, loses the gain of the third write. Each is self-contained (no
// outside references): worker threads receive the kernel as source text. Both take four features
// per step: the four cells' loads and stores are independent, and the unrolled loop runs 25–30%
// faster in V8 (`bench/hist-kernels.ts`). Every cell still receives its rows in row order, so the
// sums are bit-identical to a plain loop.

/** Gradient and hessian (2 channels). */
export function buildHistogramGH(
  bins: Uint8Array,
  nFeatures: number,
  rows: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  offset: number,
  stride: number,
  f0: number,
  f1: number,
): void {
  const from = offset + f0 * stride * 2;
  const to = offset + f1 * stride * 2;
  for (let i = from; i < to; i++) hist[i] = 0;
  for (let i = begin; i < end; i++) {
    const r = rows[i] as number;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * nFeatures;
    let f = f0;
    for (; f + 3 < f1; f += 4) {
      const o0 = offset + (f * stride + (bins[base + f] as number)) * 2;
      const o1 = offset + ((f + 1) * stride + (bins[base + f + 1] as number)) * 2;
      const o2 = offset + ((f + 2) * stride + (bins[base + f + 2] as number)) * 2;
      const o3 = offset + ((f + 3) * stride + (bins[base + f + 3] as number)) * 2;
      hist[o0] = (hist[o0] as number) + g;
      hist[o0 + 1] = (hist[o0 + 1] as number) + h;
      hist[o1] = (hist[o1] as number) + g;
      hist[o1 + 1] = (hist[o1 + 1] as number) + h;
      hist[o2] = (hist[o2] as number) + g;
      hist[o2 + 1] = (hist[o2 + 1] as number) + h;
      hist[o3] = (hist[o3] as number) + g;
      hist[o3 + 1] = (hist[o3 + 1] as number) + h;
    }
    for (; f < f1; f++) {
      const o = offset + (f * stride + (bins[base + f] as number)) * 2;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
    }
  }
}

/** Gradient, hessian and row count (3 channels). */
export function buildHistogramGHC(
  bins: Uint8Array,
  nFeatures: number,
  rows: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  offset: number,
  stride: number,
  f0: number,
  f1: number,
): void {
  const from = offset + f0 * stride * 3;
  const to = offset + f1 * stride * 3;
  for (let i = from; i < to; i++) hist[i] = 0;
  for (let i = begin; i < end; i++) {
    const r = rows[i] as number;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * nFeatures;
    let f = f0;
    for (; f + 3 < f1; f += 4) {
      const o0 = offset + (f * stride + (bins[base + f] as number)) * 3;
      const o1 = offset + ((f + 1) * stride + (bins[base + f + 1] as number)) * 3;
      const o2 = offset + ((f + 2) * stride + (bins[base + f + 2] as number)) * 3;
      const o3 = offset + ((f + 3) * stride + (bins[base + f + 3] as number)) * 3;
      hist[o0] = (hist[o0] as number) + g;
      hist[o0 + 1] = (hist[o0 + 1] as number) + h;
      hist[o0 + 2] = (hist[o0 + 2] as number) + 1;
      hist[o1] = (hist[o1] as number) + g;
      hist[o1 + 1] = (hist[o1 + 1] as number) + h;
      hist[o1 + 2] = (hist[o1 + 2] as number) + 1;
      hist[o2] = (hist[o2] as number) + g;
      hist[o2 + 1] = (hist[o2 + 1] as number) + h;
      hist[o2 + 2] = (hist[o2 + 2] as number) + 1;
      hist[o3] = (hist[o3] as number) + g;
      hist[o3 + 1] = (hist[o3 + 1] as number) + h;
      hist[o3 + 2] = (hist[o3 + 2] as number) + 1;
    }
    for (; f < f1; f++) {
      const o = offset + (f * stride + (bins[base + f] as number)) * 3;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
      hist[o + 2] = (hist[o + 2] as number) + 1;
    }
  }
}

/**
 * Fills the histograms of several nodes in one ascending pass over row ids [begin, end): row r adds
 * to the histogram starting at target[r], or to none when target[r] is −1. The histograms must be
 * zeroed first. A deep node's rows lie thinly spread over all rows, so building it alone reads its
 * rows' bins one cache miss at a time; one pass for all of a level's nodes reads them densely
 * (`bench/level-micro.ts`: 1.4–1.8× fewer ns per cell with 2–8 nodes). Each node still receives
 * its rows in ascending order, so its sums equal a build of that node alone.
 */
export type LevelKernel = (
  bins: Uint8Array,
  nFeatures: number,
  target: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  stride: number,
) => void;

/** LevelKernel with gradient and hessian (2 channels); the loop body is buildHistogramGH's. */
export function buildLevelGH(
  bins: Uint8Array,
  nFeatures: number,
  target: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  stride: number,
): void {
  for (let r = begin; r < end; r++) {
    const offset = target[r] as number;
    if (offset < 0) continue;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * nFeatures;
    let f = 0;
    for (; f + 3 < nFeatures; f += 4) {
      const o0 = offset + (f * stride + (bins[base + f] as number)) * 2;
      const o1 = offset + ((f + 1) * stride + (bins[base + f + 1] as number)) * 2;
      const o2 = offset + ((f + 2) * stride + (bins[base + f + 2] as number)) * 2;
      const o3 = offset + ((f + 3) * stride + (bins[base + f + 3] as number)) * 2;
      hist[o0] = (hist[o0] as number) + g;
      hist[o0 + 1] = (hist[o0 + 1] as number) + h;
      hist[o1] = (hist[o1] as number) + g;
      hist[o1 + 1] = (hist[o1 + 1] as number) + h;
      hist[o2] = (hist[o2] as number) + g;
      hist[o2 + 1] = (hist[o2 + 1] as number) + h;
      hist[o3] = (hist[o3] as number) + g;
      hist[o3 + 1] = (hist[o3 + 1] as number) + h;
    }
    for (; f < nFeatures; f++) {
      const o = offset + (f * stride + (bins[base + f] as number)) * 2;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
    }
  }
}

/** LevelKernel with gradient, hessian and row count (3 channels); the loop body is buildHistogramGHC's. */
export function buildLevelGHC(
  bins: Uint8Array,
  nFeatures: number,
  target: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  stride: number,
): void {
  for (let r = begin; r < end; r++) {
    const offset = target[r] as number;
    if (offset < 0) continue;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * nFeatures;
    let f = 0;
    for (; f + 3 < nFeatures; f += 4) {
      const o0 = offset + (f * stride + (bins[base + f] as number)) * 3;
      const o1 = offset + ((f + 1) * stride + (bins[base + f + 1] as number)) * 3;
      const o2 = offset + ((f + 2) * stride + (bins[base + f + 2] as number)) * 3;
      const o3 = offset + ((f + 3) * stride + (bins[base + f + 3] as number)) * 3;
      hist[o0] = (hist[o0] as number) + g;
      hist[o0 + 1] = (hist[o0 + 1] as number) + h;
      hist[o0 + 2] = (hist[o0 + 2] as number) + 1;
      hist[o1] = (hist[o1] as number) + g;
      hist[o1 + 1] = (hist[o1 + 1] as number) + h;
      hist[o1 + 2] = (hist[o1 + 2] as number) + 1;
      hist[o2] = (hist[o2] as number) + g;
      hist[o2 + 1] = (hist[o2 + 1] as number) + h;
      hist[o2 + 2] = (hist[o2 + 2] as number) + 1;
      hist[o3] = (hist[o3] as number) + g;
      hist[o3 + 1] = (hist[o3 + 1] as number) + h;
      hist[o3 + 2] = (hist[o3 + 2] as number) + 1;
    }
    for (; f < nFeatures; f++) {
      const o = offset + (f * stride + (bins[base + f] as number)) * 3;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
      hist[o + 2] = (hist[o + 2] as number) + 1;
    }
  }
}

export function levelKernel(channels: HistogramChannels): LevelKernel {
  return channels === 3 ? buildLevelGHC : buildLevelGH;
}

export function histogramKernel(channels: HistogramChannels): HistogramKernel {
  return channels === 3 ? buildHistogramGHC : buildHistogramGH;
}

/** parent := parent − child: the parent's array then holds the sibling's histogram. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
}

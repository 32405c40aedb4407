/**
 * Gradient histograms. A node's histogram holds, for every feature and bin, the sums of gradient,
 * hessian and row count of the node's rows: slot (f·stride + bin)·3 + {0: g, 1: h, 2: count}.
 * A child's histogram is built from its rows only when it is the smaller child; the larger one is
 * its parent's minus the smaller (the subtraction trick).
 */

export const HIST_CHANNELS = 3;

/**
 * Fills features [f0, f1) of the histogram at `offset` from rows[begin..end). Self-contained (no
 * outside references): worker threads receive this very function as source text.
 */
export function buildHistogram(
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
    for (let f = f0; f < f1; f++) {
      const o = offset + (f * stride + (bins[base + f] as number)) * 3;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
      hist[o + 2] = (hist[o + 2] as number) + 1;
    }
  }
}

/** parent := parent − child: the parent's array then holds the sibling's histogram. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
}

/** Builds a node's histogram (all features) into `out`; the parallel builder splits features between threads. */
export interface HistogramBuilder {
  build(rows: Int32Array, begin: number, end: number, out: Float64Array): void;
  close(): Promise<void>;
}

export class SerialHistogramBuilder implements HistogramBuilder {
  constructor(
    private readonly bins: Uint8Array,
    private readonly nFeatures: number,
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
    private readonly stride: number,
  ) {}

  build(rows: Int32Array, begin: number, end: number, out: Float64Array): void {
    const { bins, nFeatures, grad, hess, stride } = this;
    buildHistogram(bins, nFeatures, rows, begin, end, grad, hess, out, 0, stride, 0, nFeatures);
  }

  async close(): Promise<void> {}
}

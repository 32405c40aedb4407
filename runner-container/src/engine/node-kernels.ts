/**
 * The row-level work of boosting, behind one interface so that it can run on one thread or be
 * shared out between worker threads (parallel.ts): gradients, a node's histogram, the partition of
 * a node's rows by a split, and adding a leaf's value to its rows' raw scores. Everything else
 * (choosing splits, the tree itself) stays on the main thread; these four are where the rows are.
 *
 * The kernels below are self-contained (no outside references): worker threads receive them as
 * source text.
 */
import { type HistogramChannels, type HistogramKernel, histogramKernel } from './histogram.ts';
import type { GradientKernel } from './objective.ts';

/** What the kernels read and write, shared with worker threads (SharedArrayBuffer-backed). */
export interface TrainingArrays {
  /** Bins row-major (row r, feature f at r·nFeatures + f), for histograms. */
  readonly bins: Uint8Array;
  /** The same bins by feature, for partitions. */
  readonly columns: readonly Uint8Array[];
  readonly nFeatures: number;
  /** Histogram slots per feature (max_bins + 1). */
  readonly stride: number;
  readonly channels: HistogramChannels;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** Raw scores of the training rows. */
  readonly raw: Float64Array;
  /** Targets and weights of the training rows, read by the objective's gradient kernel. */
  readonly y: Float64Array;
  readonly weights: Float64Array | null;
  readonly gradientRange: GradientKernel;
}

export interface NodeKernels {
  readonly channels: HistogramChannels;
  /** Fills grad and hess of every training row from its raw score. */
  gradients(): void;
  /** Fills `out` with the histogram (all features) of rows[begin..end). */
  histogram(rows: Int32Array, begin: number, end: number, out: Float64Array): void;
  /**
   * Stable in-place partition of rows[begin..end): rows whose bin b of feature f has goLeft[b] = 1
   * first, the others after, each side in its former order. Returns where the right rows start.
   */
  partition(rows: Int32Array, begin: number, end: number, f: number, goLeft: Uint8Array): number;
  /** raw[r] += value for every r in rows[begin..end). */
  addToRaw(rows: Int32Array, begin: number, end: number, value: number): void;
  close(): Promise<void>;
}

/**
 * Partitions rows[begin..end) (see NodeKernels.partition): left rows are compacted from `begin`,
 * right rows go to scratch from `begin`, both in order. Returns the number of left rows. Each row
 * is written to both places and only the matching cursor moves: no branch on the side. Measured
 * on 700k rows, 5.1-5.3 ns per row either way, where a branch costs 7.4-7.5 when the sides are
 * mixed (and 4.7-4.9 when one side takes nearly every row).
 */
export function partitionRange(
  column: Uint8Array,
  goLeft: Uint8Array,
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: Int32Array,
): number {
  let l = begin;
  let r = begin;
  for (let i = begin; i < end; i++) {
    const row = rows[i] as number;
    const left = goLeft[column[row] as number] as number;
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  return l - begin;
}

/** raw[r] += value for every r in rows[begin..end). */
export function addRange(rows: Int32Array, begin: number, end: number, raw: Float64Array, value: number): void {
  for (let i = begin; i < end; i++) {
    const r = rows[i] as number;
    raw[r] = (raw[r] as number) + value;
  }
}

export class SerialKernels implements NodeKernels {
  readonly channels: HistogramChannels;
  private readonly kernel: HistogramKernel;
  private readonly scratch: Int32Array;

  constructor(private readonly data: TrainingArrays) {
    this.channels = data.channels;
    this.kernel = histogramKernel(data.channels);
    this.scratch = new Int32Array(data.raw.length);
  }

  gradients(): void {
    const { raw, y, weights, grad, hess, gradientRange } = this.data;
    gradientRange(raw, y, weights, grad, hess, 0, raw.length);
  }

  histogram(rows: Int32Array, begin: number, end: number, out: Float64Array): void {
    const { bins, nFeatures, grad, hess, stride } = this.data;
    this.kernel(bins, nFeatures, rows, begin, end, grad, hess, out, 0, stride, 0, nFeatures);
  }

  partition(rows: Int32Array, begin: number, end: number, f: number, goLeft: Uint8Array): number {
    const column = this.data.columns[f] as Uint8Array;
    const lefts = partitionRange(column, goLeft, rows, begin, end, this.scratch);
    const mid = begin + lefts;
    rows.set(this.scratch.subarray(begin, begin + (end - mid)), mid);
    return mid;
  }

  addToRaw(rows: Int32Array, begin: number, end: number, value: number): void {
    addRange(rows, begin, end, this.data.raw, value);
  }

  async close(): Promise<void> {}
}

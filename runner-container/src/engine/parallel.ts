/**
 * The node kernels (node-kernels.ts) on worker threads. A large node's rows are cut into one
 * contiguous range per thread, and every thread (the main one included) works on its range:
 * - histogram: each thread builds a full histogram of its range; the main thread adds them up in
 *   thread order, so a given thread count always gives the same sums;
 * - partition: each thread partitions its range (lefts compacted in place, rights to scratch at
 *   the same offsets); the main thread then moves the pieces together (memmove-speed copies):
 *   lefts of range 0, 1, …, then rights of range 0, 1, … — the same order as one thread's;
 * - adding a leaf's value: each thread adds to its range's rows (each row once);
 * - gradients: each thread computes its range of training rows (workers start with the first
 *   parallel node, so the first round's gradients are computed on the main thread);
 * - level passes (several nodes' histograms in one pass over row ids): each thread passes over its
 *   range of row ids into its own histograms, which the main thread adds up in thread order.
 * Workers share the bins, gradients, raw scores and row indices, and are woken through Atomics (a
 * round trip costs microseconds, not the ~100 µs of a message). Small nodes stay on the main thread.
 */
import { Worker } from 'node:worker_threads';
import {
  type HistogramChannels,
  type HistogramKernel,
  histogramKernel,
  type LevelKernel,
  levelKernel,
} from './histogram.ts';
import {
  addRange,
  buildLevel,
  LEVEL_GROUP,
  levelPassPays,
  type NodeKernels,
  type NodeRows,
  partitionRange,
  SerialKernels,
  type TrainingArrays,
} from './node-kernels.ts';
import type { GradientKernel } from './objective.ts';

/**
 * Handing a range to a worker costs a wake-up (tens of µs on a VM), so a job goes out only with
 * enough work per thread: histogram cells (rows × features), or rows for the lighter row kernels
 * (partition, leaf values, gradients).
 */
export interface Handout {
  readonly minCells: number;
  readonly minRows: number;
}
const HANDOUT: Handout = { minCells: 1 << 18, minRows: 1 << 16 };

/** Whether training data this size would ever hand a job out; if not, one thread does it all. */
export function workersPay(rows: number, nFeatures: number, threads: number, handout: Handout = HANDOUT): boolean {
  return threads > 1 && (rows * nFeatures >= handout.minCells * threads || rows >= handout.minRows * threads);
}
/** Per worker in `control`: job sequence number, job kind, begin, end, feature, result, finished. */
const SLOT = 8;
const HISTOGRAM = 0;
const PARTITION = 1;
const ADD = 2;
const GRADIENTS = 3;
const LEVEL = 4;

const workerSource = (kernel: HistogramKernel, level: LevelKernel, gradientRange: GradientKernel) => `
const { workerData } = require('node:worker_threads');
const build = (${kernel.toString()});
const buildLevel = (${level.toString()});
const gradients = (${gradientRange.toString()});
const partition = (${partitionRange.toString()});
const add = (${addRange.toString()});
const { bins, columns, nFeatures, rows, scratch, grad, hess, raw, y, weights, hist, stride, lookup, values, target, levelHist, control, slot, index } = workerData;
let seen = 0;
for (;;) {
  Atomics.wait(control, slot, seen);
  seen = Atomics.load(control, slot);
  if (seen < 0) break;
  let finished = seen;
  try {
    const kind = control[slot + 1];
    const begin = control[slot + 2];
    const end = control[slot + 3];
    if (kind === ${HISTOGRAM}) build(bins, nFeatures, rows, begin, end, grad, hess, hist, 0, stride, 0, nFeatures);
    else if (kind === ${PARTITION}) control[slot + 5] = partition(columns[control[slot + 4]], lookup, rows, begin, end, scratch);
    else if (kind === ${ADD}) add(rows, begin, end, raw, values[index]);
    else if (kind === ${LEVEL}) {
      levelHist.fill(0, 0, control[slot + 4] * hist.length);
      buildLevel(bins, nFeatures, target, begin, end, grad, hess, levelHist, stride);
    }
    else gradients(raw, y, weights, grad, hess, begin, end);
  } catch (error) {
    finished = -1;
    console.error(error);
  }
  Atomics.store(control, slot + 6, finished);
  Atomics.notify(control, slot + 6);
}
`;

export class ParallelKernels implements NodeKernels {
  readonly channels: HistogramChannels;
  private readonly kernel: HistogramKernel;
  private readonly level: LevelKernel;
  private readonly serial: SerialKernels;
  private readonly workers: Worker[] = [];
  private readonly parts: number;
  private readonly control: Int32Array;
  private readonly hists: Float64Array[];
  private readonly scratch: Int32Array;
  /** The split's goLeft table, by bin, for partitions. */
  private readonly lookup = new Uint8Array(new SharedArrayBuffer(256));
  /** Per worker, the value an ADD job adds. */
  private readonly values: Float64Array;
  private readonly counts: Int32Array;
  /** Level passes: row → histogram offset, and per thread the histograms of up to LEVEL_GROUP nodes. */
  private readonly target: Int32Array;
  private readonly levelHists: Float64Array[];
  private rows: Int32Array | null = null;
  private sequence = 0;

  constructor(
    private readonly data: TrainingArrays,
    threads: number,
    /** Tests lower these to exercise the workers on small data. */
    private readonly handout: Handout = HANDOUT,
  ) {
    this.channels = data.channels;
    this.kernel = histogramKernel(data.channels);
    this.level = levelKernel(data.channels);
    this.serial = new SerialKernels(data);
    this.parts = Math.max(1, threads);
    this.control = new Int32Array(new SharedArrayBuffer(this.parts * SLOT * 4));
    const histSize = data.nFeatures * data.stride * data.channels;
    this.hists = Array.from({ length: this.parts }, () => new Float64Array(new SharedArrayBuffer(histSize * 8)));
    this.scratch = this.serial.scratch;
    this.values = new Float64Array(new SharedArrayBuffer(this.parts * 8));
    this.counts = new Int32Array(this.parts);
    // The main thread's arrays are the serial kernels' (which small jobs use): one copy of each.
    this.target = this.serial.target;
    this.levelHists = Array.from({ length: this.parts }, (_, i) =>
      i === 0 ? this.serial.levelBuffer : new Float64Array(new SharedArrayBuffer(LEVEL_GROUP * histSize * 8)),
    );
  }

  private start(rows: Int32Array): void {
    this.rows = rows;
    const source = workerSource(this.kernel, this.level, this.data.gradientRange);
    const { bins, columns, nFeatures, grad, hess, raw, y, weights, stride } = this.data;
    for (let i = 1; i < this.parts; i++) {
      const workerData = {
        bins,
        columns,
        nFeatures,
        rows,
        scratch: this.scratch,
        grad,
        hess,
        raw,
        y,
        weights,
        hist: this.hists[i],
        stride,
        lookup: this.lookup,
        values: this.values,
        target: this.target,
        levelHist: this.levelHists[i],
        control: this.control,
        slot: i * SLOT,
        index: i,
      };
      const worker = new Worker(source, { eval: true, workerData });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Where range i of rows[begin..end) starts (i = parts: its end). */
  private cut(begin: number, end: number, i: number): number {
    return begin + Math.floor(((end - begin) * i) / this.parts);
  }

  /** Hands range i (i ≥ 1) of rows[begin..end) to worker i as a job of the given kind. */
  private post(rows: Int32Array, kind: number, begin: number, end: number, feature: number): void {
    if (this.rows === null) this.start(rows);
    if (rows !== this.rows) throw new Error('ParallelKernels serves one row-index array');
    const { control } = this;
    const job = ++this.sequence;
    for (let i = 1; i < this.parts; i++) {
      const s = i * SLOT;
      control[s + 1] = kind;
      control[s + 2] = this.cut(begin, end, i);
      control[s + 3] = this.cut(begin, end, i + 1);
      control[s + 4] = feature;
      Atomics.store(control, s, job);
      Atomics.notify(control, s);
    }
  }

  /** Waits for worker i's current job. */
  private join(i: number): void {
    const { control } = this;
    const s = i * SLOT;
    let finished = Atomics.load(control, s + 6);
    while (finished !== this.sequence) {
      if (finished < 0) throw new Error(`worker ${i} failed`);
      Atomics.wait(control, s + 6, finished, 1000);
      finished = Atomics.load(control, s + 6);
    }
  }

  gradients(): void {
    const n = this.data.raw.length;
    if (this.rows === null || n < this.handout.minRows * this.parts) {
      this.serial.gradients();
      return;
    }
    this.post(this.rows, GRADIENTS, 0, n, 0);
    const { raw, y, weights, grad, hess, gradientRange } = this.data;
    gradientRange(raw, y, weights, grad, hess, 0, this.cut(0, n, 1));
    for (let i = 1; i < this.parts; i++) this.join(i);
  }

  histogram(rows: Int32Array, begin: number, end: number, out: Float64Array): void {
    if (this.parts === 1 || (end - begin) * this.data.nFeatures < this.handout.minCells * this.parts) {
      this.serial.histogram(rows, begin, end, out);
      return;
    }
    this.post(rows, HISTOGRAM, begin, end, 0);
    const { bins, nFeatures, grad, hess, stride } = this.data;
    this.kernel(bins, nFeatures, rows, begin, this.cut(begin, end, 1), grad, hess, out, 0, stride, 0, nFeatures);
    for (let i = 1; i < this.parts; i++) {
      this.join(i);
      const part = this.hists[i] as Float64Array;
      for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) + (part[k] as number);
    }
  }

  histograms(rows: Int32Array, nodes: readonly NodeRows[], outs: readonly Float64Array[]): void {
    const n = this.data.raw.length;
    if (!levelPassPays(nodes, n)) {
      nodes.forEach(({ begin, end }, i) => {
        this.histogram(rows, begin, end, outs[i] as Float64Array);
      });
      return;
    }
    let held = 0;
    for (const { begin, end } of nodes) held += end - begin;
    // Cells, and the row → node map read in full.
    if (this.parts === 1 || held * this.data.nFeatures + n < this.handout.minCells * this.parts) {
      this.serial.histograms(rows, nodes, outs);
      return;
    }
    const { bins, nFeatures, grad, hess, stride, channels } = this.data;
    const size = nFeatures * stride * channels;
    const { target, levelHists } = this;
    const buffer = levelHists[0] as Float64Array;
    // Each thread passes over its range of row ids into its own histograms; the main thread's
    // buffer is zeroed by buildLevel, the workers zero theirs.
    buildLevel(rows, nodes, outs, target, buffer, size, (group) => {
      this.post(rows, LEVEL, 0, n, group);
      this.level(bins, nFeatures, target, 0, this.cut(0, n, 1), grad, hess, buffer, stride);
      const used = group * size;
      for (let i = 1; i < this.parts; i++) {
        this.join(i);
        const part = levelHists[i] as Float64Array;
        for (let k = 0; k < used; k++) buffer[k] = (buffer[k] as number) + (part[k] as number);
      }
    });
  }

  partition(rows: Int32Array, begin: number, end: number, f: number, goLeft: Uint8Array): number {
    if (this.parts === 1 || end - begin < this.handout.minRows * this.parts)
      return this.serial.partition(rows, begin, end, f, goLeft);
    this.lookup.set(goLeft);
    this.post(rows, PARTITION, begin, end, f);
    const { counts, scratch } = this;
    counts[0] = partitionRange(
      this.data.columns[f] as Uint8Array,
      this.lookup,
      rows,
      begin,
      this.cut(begin, end, 1),
      scratch,
    );
    for (let i = 1; i < this.parts; i++) {
      this.join(i);
      counts[i] = this.control[i * SLOT + 5] as number;
    }
    // Lefts of each range after those of the ranges before it (never past its own start), then
    // the rights from scratch.
    let at = begin;
    for (let i = 0; i < this.parts; i++) {
      const from = this.cut(begin, end, i);
      const lefts = counts[i] as number;
      if (at !== from) rows.copyWithin(at, from, from + lefts);
      at += lefts;
    }
    const mid = at;
    for (let i = 0; i < this.parts; i++) {
      const from = this.cut(begin, end, i);
      const rights = this.cut(begin, end, i + 1) - from - (counts[i] as number);
      rows.set(scratch.subarray(from, from + rights), at);
      at += rights;
    }
    return mid;
  }

  addToRaw(rows: Int32Array, begin: number, end: number, value: number): void {
    if (this.parts === 1 || end - begin < this.handout.minRows * this.parts) {
      this.serial.addToRaw(rows, begin, end, value);
      return;
    }
    this.values.fill(value);
    this.post(rows, ADD, begin, end, 0);
    addRange(rows, begin, this.cut(begin, end, 1), this.data.raw, value);
    for (let i = 1; i < this.parts; i++) this.join(i);
  }

  async close(): Promise<void> {
    for (let i = 1; i < this.parts; i++) {
      Atomics.store(this.control, i * SLOT, -1);
      Atomics.notify(this.control, i * SLOT);
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

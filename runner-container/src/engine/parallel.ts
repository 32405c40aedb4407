/**
 * Histogram building on worker threads. A large node's rows are cut into one contiguous range per
 * thread; each thread (the main one included) builds a full histogram of its range, and the main
 * thread adds them up in thread order, so a given thread count always gives the same sums. Workers
 * share the bin matrix, gradients and row indices, and are woken through Atomics (a round trip
 * costs microseconds, not the ~100 µs of a message). Small nodes are built on the main thread.
 */
import { Worker } from 'node:worker_threads';
import { type HistogramBuilder, type HistogramChannels, type HistogramKernel, histogramKernel } from './histogram.ts';

/** Nodes with fewer rows than this are cheaper to build on one thread than to hand out. */
const PARALLEL_MIN_ROWS = 4096;
/** Per worker in `control`: job sequence number, begin, end, finished sequence number. */
const SLOT = 4;

const workerSource = (kernel: HistogramKernel) => `
const { workerData } = require('node:worker_threads');
const build = (${kernel.toString()});
const { bins, nFeatures, rows, grad, hess, hist, stride, control, slot } = workerData;
let seen = 0;
for (;;) {
  Atomics.wait(control, slot, seen);
  seen = Atomics.load(control, slot);
  if (seen < 0) break;
  let finished = seen;
  try {
    build(bins, nFeatures, rows, control[slot + 1], control[slot + 2], grad, hess, hist, 0, stride, 0, nFeatures);
  } catch (error) {
    finished = -1;
    console.error(error);
  }
  Atomics.store(control, slot + 3, finished);
  Atomics.notify(control, slot + 3);
}
`;

export class ParallelHistogramBuilder implements HistogramBuilder {
  private readonly kernel: HistogramKernel;
  private readonly workers: Worker[] = [];
  private readonly control: Int32Array;
  private readonly hists: Float64Array[];
  private readonly parts: number;
  private rows: Int32Array | null = null;
  private sequence = 0;

  constructor(
    private readonly bins: Uint8Array,
    private readonly nFeatures: number,
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
    private readonly stride: number,
    readonly channels: HistogramChannels,
    threads: number,
  ) {
    this.kernel = histogramKernel(channels);
    this.parts = Math.max(1, threads);
    this.control = new Int32Array(new SharedArrayBuffer(this.parts * SLOT * 4));
    this.hists = Array.from(
      { length: this.parts },
      () => new Float64Array(new SharedArrayBuffer(nFeatures * stride * channels * 8)),
    );
  }

  private start(rows: Int32Array): void {
    this.rows = rows;
    const source = workerSource(this.kernel);
    for (let i = 1; i < this.parts; i++) {
      const { bins, nFeatures, grad, hess, stride, control } = this;
      const workerData = { bins, nFeatures, rows, grad, hess, hist: this.hists[i], stride, control, slot: i * SLOT };
      const worker = new Worker(source, { eval: true, workerData });
      worker.unref();
      this.workers.push(worker);
    }
  }

  build(rows: Int32Array, begin: number, end: number, out: Float64Array): void {
    const { bins, nFeatures, grad, hess, stride } = this;
    const parts = this.parts;
    if (end - begin < PARALLEL_MIN_ROWS * parts || parts === 1) {
      this.kernel(bins, nFeatures, rows, begin, end, grad, hess, out, 0, stride, 0, nFeatures);
      return;
    }
    if (this.rows === null) this.start(rows);
    if (rows !== this.rows) throw new Error('ParallelHistogramBuilder serves one row-index array');
    const { control, hists } = this;
    const job = ++this.sequence;
    const cut = (i: number) => begin + Math.floor(((end - begin) * i) / parts);
    for (let i = 1; i < parts; i++) {
      control[i * SLOT + 1] = cut(i);
      control[i * SLOT + 2] = cut(i + 1);
      Atomics.store(control, i * SLOT, job);
      Atomics.notify(control, i * SLOT);
    }
    this.kernel(bins, nFeatures, rows, begin, cut(1), grad, hess, out, 0, stride, 0, nFeatures);
    for (let i = 1; i < parts; i++) {
      let finished = Atomics.load(control, i * SLOT + 3);
      while (finished !== job) {
        if (finished < 0) throw new Error(`histogram worker ${i} failed`);
        Atomics.wait(control, i * SLOT + 3, finished, 1000);
        finished = Atomics.load(control, i * SLOT + 3);
      }
      const part = hists[i] as Float64Array;
      for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) + (part[k] as number);
    }
  }

  async close(): Promise<void> {
    for (let i = 1; i < this.parts; i++) {
      Atomics.store(this.control, i * SLOT, -1);
      Atomics.notify(this.control, i * SLOT);
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

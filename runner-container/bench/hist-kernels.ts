/**
 * Histogram kernel micro-benchmark: ns per cell (row × feature) of the engine's 2-channel kernel
 * against a plain one-feature-per-step loop (the sums must be identical), on nodes holding all,
 * half, a tenth and a fiftieth of 700k rows × 50 features, then the parallel builder at 2 threads.
 *
 *   npx tsx runner-container/bench/hist-kernels.ts [rows]
 */
import { buildHistogramGH } from '../src/engine/histogram.ts';
import { SerialKernels } from '../src/engine/node-kernels.ts';
import { binaryLogistic } from '../src/engine/objective.ts';
import { ParallelKernels } from '../src/engine/parallel.ts';
import { Random } from '../src/engine/random.ts';

const n = Number(process.argv[2] ?? 700_000);
const F = 50;
const stride = 256;
const random = new Random(1);
const bins = new Uint8Array(new SharedArrayBuffer(n * F));
// Skewed bins, as real features have: low bins far more frequent than high ones.
for (let i = 0; i < n * F; i++) bins[i] = Math.floor(random.next() * random.next() * 255);
const grad = new Float64Array(new SharedArrayBuffer(n * 8));
const hess = new Float64Array(new SharedArrayBuffer(n * 8));
for (let i = 0; i < n; i++) {
  grad[i] = random.next() - 0.5;
  hess[i] = 0.25 * random.next();
}

/** The kernel as it was before unrolling, with the same parameters. */
function plain(
  bins: Uint8Array,
  nFeatures: number,
  rows: Int32Array,
  begin: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  hist: Float64Array,
  stride: number,
): void {
  hist.fill(0);
  for (let i = begin; i < end; i++) {
    const r = rows[i] as number;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const o = (f * stride + (bins[base + f] as number)) * 2;
      hist[o] = (hist[o] as number) + g;
      hist[o + 1] = (hist[o + 1] as number) + h;
    }
  }
}

const size = F * stride * 2;
const a = new Float64Array(size);
const b = new Float64Array(size);
const best = (cells: number, run: () => void) => {
  let ms = Number.POSITIVE_INFINITY;
  for (let rep = 0; rep < 9; rep++) {
    const t0 = performance.now();
    run();
    ms = Math.min(ms, performance.now() - t0);
  }
  return (ms * 1e6) / cells;
};
const arrays = {
  bins,
  columns: [],
  nFeatures: F,
  stride,
  channels: 2 as const,
  grad,
  hess,
  raw: new Float64Array(new SharedArrayBuffer(n * 8)),
  y: new Float64Array(n),
  weights: null,
  gradientRange: binaryLogistic.gradientRange,
};
const parallel = new ParallelKernels(arrays, 2);
const serial = new SerialKernels(arrays);
const rows = new Int32Array(new SharedArrayBuffer(n * 4));
for (const fraction of [1, 0.5, 0.1, 0.02]) {
  let count = 0;
  for (let i = 0; i < n; i++) if (fraction === 1 || random.next() < fraction) rows[count++] = i;
  const cells = count * F;
  const reference = best(cells, () => plain(bins, F, rows, 0, count, grad, hess, a, stride));
  const kernel = best(cells, () => buildHistogramGH(bins, F, rows, 0, count, grad, hess, b, 0, stride, 0, F));
  const same = a.every((v, i) => Object.is(v, b[i]));
  const one = best(cells, () => serial.histogram(rows, 0, count, b));
  const two = best(cells, () => parallel.histogram(rows, 0, count, b));
  console.log(
    `${count} rows: plain ${reference.toFixed(2)} ns/cell, kernel ${kernel.toFixed(2)} (${same ? 'identical sums' : 'SUMS DIFFER'}); builder 1 thread ${one.toFixed(2)}, 2 threads ${two.toFixed(2)} (speed-up ${(one / two).toFixed(2)})`,
  );
  if (!same) process.exitCode = 1;
}
await parallel.close();

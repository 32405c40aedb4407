/**
 * Level passes (histogram.ts `LevelKernel`, used by depth-wise growth) against one build per node:
 * the histograms of all the nodes of one tree level in one ascending pass over the rows (a row →
 * histogram map). A deep node's rows are spread thinly over the whole row range, where each row is
 * a cache miss; one pass over all of a level's rows reads them densely again, but updates several
 * histograms at once (hence at most 8 a pass). Prints ns per cell for each and checks that the sums
 * are identical.
 *
 *   npx tsx runner-container/bench/level-micro.ts
 */
import { buildHistogramGH, buildLevelGH } from '../src/engine/histogram.ts';
import { Random } from '../src/engine/random.ts';

const n = 700_000,
  F = 50,
  stride = 256;
const r = new Random(1);
const bins = new Uint8Array(n * F);
for (let i = 0; i < n * F; i++) bins[i] = Math.floor(r.next() * r.next() * 255);
const grad = new Float64Array(n),
  hess = new Float64Array(n);
for (let i = 0; i < n; i++) {
  grad[i] = r.next() - 0.5;
  hess[i] = 0.25 * r.next();
}
const size = F * stride * 2;
for (const [nodes, share] of [
  [2, 0.3],
  [4, 0.3],
  [8, 0.3],
  [16, 0.3],
  [16, 0.15],
] as const) {
  // each row belongs to one of `nodes` build nodes with probability share (else none)
  const node = new Int32Array(n);
  const lists: number[][] = Array.from({ length: nodes }, () => []);
  for (let i = 0; i < n; i++) {
    if (r.next() < share) {
      const k = Math.floor(r.next() * nodes);
      node[i] = k;
      (lists[k] as number[]).push(i);
    } else node[i] = -1;
  }
  const rowsPer = lists.map((l) => Int32Array.from(l));
  const hists = Array.from({ length: nodes }, () => new Float64Array(size));
  const big = new Float64Array(size * nodes);
  const target = Int32Array.from(node, (k) => (k < 0 ? -1 : k * size));
  const cells = lists.reduce((s, l) => s + l.length, 0) * F;
  const time = (fn: () => void) => {
    let best = Infinity;
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      fn();
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const a = time(() => {
    rowsPer.forEach((rows, k) => {
      buildHistogramGH(bins, F, rows, 0, rows.length, grad, hess, hists[k] as Float64Array, 0, stride, 0, F);
    });
  });
  const b = time(() => {
    big.fill(0);
    buildLevelGH(bins, F, target, 0, n, grad, hess, big, stride);
  });
  let same = true;
  for (let k = 0; k < nodes; k++)
    for (let i = 0; i < size; i++) if ((hists[k] as Float64Array)[i] !== big[k * size + i]) same = false;
  console.log(
    `${nodes} nodes, ${share} of rows: per node ${((a * 1e6) / cells).toFixed(2)} ns/cell, one pass ${((b * 1e6) / cells).toFixed(2)} ns/cell, same=${same}`,
  );
}

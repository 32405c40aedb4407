import { describe, expect, it } from 'vitest';
import { categoricalBins, type FeatureBins } from './binning.ts';
import { buildHistogramGH, buildHistogramGHC } from './histogram.ts';
import { Random } from './random.ts';
import { findBestSplit, type NodeStats, type SplitParams } from './split.ts';

const params: SplitParams = { lambda: 1, minDataInLeaf: 1, minHessianInLeaf: 0.001, minSplitGain: 0 };
const numeric = (nBins: number): FeatureBins => ({
  categorical: false,
  nBins,
  edges: Float64Array.from({ length: nBins - 1 }, (_, b) => b + 0.5),
});

function statsOf(hist: Float64Array, channels: 2 | 3): NodeStats {
  let [g, h, count] = [0, 0, 0];
  for (let o = 0; o < hist.length; o += channels) {
    g += hist[o] as number;
    h += hist[o + 1] as number;
    if (channels === 3) count += hist[o + 2] as number;
  }
  return { g, h, count, lower: -Infinity, upper: Infinity };
}

describe('findBestSplit', () => {
  it('finds the same splits without counts as with them (min_data_in_leaf = 1)', () => {
    // Numeric features (one monotone), a categorical one; missing values; gradients that depend on the bins.
    const features = [numeric(12), numeric(40), numeric(3), categoricalBins(12), numeric(12)];
    const nFeatures = features.length;
    const stride = 41;
    const monotone = Int8Array.of(0, 1, 0, 0, -1);
    const n = 4000;
    const r = new Random(3);
    const bins = new Uint8Array(n * nFeatures);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0;
      features.forEach((fb, f) => {
        const missing = r.next() < (f === 2 ? 0 : 0.15);
        const b = missing ? fb.nBins : Math.floor(r.next() * fb.nBins);
        bins[i * nFeatures + f] = b;
        z += missing ? 0.3 : (((b * (f + 3)) % 7) - 3) / 6;
      });
      const p = 1 / (1 + Math.exp(-z));
      grad[i] = p - (r.next() < p ? 1 : 0);
      hess[i] = p * (1 - p);
    }
    const allowed = Int32Array.from(features.keys());
    let splits = 0;
    for (let node = 0; node < 60; node++) {
      // A node: a random subset of rows, some of them small enough to leave categories, bins and the
      // missing bin empty (an empty category must not be sent left).
      const keep = node % 3 === 0 ? 0.005 : node % 3 === 1 ? 0.05 : 0.7;
      const rows = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter(() => r.next() < keep));
      const two = new Float64Array(nFeatures * stride * 2);
      const three = new Float64Array(nFeatures * stride * 3);
      buildHistogramGH(bins, nFeatures, rows, 0, rows.length, grad, hess, two, 0, stride, 0, nFeatures);
      buildHistogramGHC(bins, nFeatures, rows, 0, rows.length, grad, hess, three, 0, stride, 0, nFeatures);
      for (const p of [params, { ...params, minHessianInLeaf: 0 }]) {
        const stats = { ...statsOf(three, 3), count: rows.length };
        const withCounts = findBestSplit(three, 0, stride, 3, features, allowed, monotone, stats, p);
        const without = findBestSplit(two, 0, stride, 2, features, allowed, monotone, stats, p);
        expect(without).toEqual(withCounts);
        if (withCounts !== null) splits++;
      }
    }
    expect(splits).toBeGreaterThan(60);
  });

  it('enforces min_data_in_leaf from counts', () => {
    // Bin 0 holds one row with a large gradient: splitting it off is best when one row may be a leaf;
    // next come 0 1 2 | 3 (4 rows right), then 0 | 1 2 3 (5 rows left).
    const cells: Array<[number, number, number]> = [
      [-0.9, 0.09, 1],
      [0.5, 1, 4],
      [-0.5, 1, 4],
      [0.4, 1, 4],
      [0, 0, 0],
    ];
    const hist = Float64Array.from(cells.flat());
    const stats = statsOf(hist, 3);
    const find = (minDataInLeaf: number) =>
      findBestSplit(hist, 0, 5, 3, [numeric(4)], Int32Array.of(0), Int8Array.of(0), stats, {
        ...params,
        minDataInLeaf,
      });
    expect(find(1)?.thresholdBin).toBe(0);
    expect(find(2)?.thresholdBin).toBe(2);
    expect(find(4)?.thresholdBin).toBe(2);
    expect(find(5)?.thresholdBin).toBe(1);
    expect(find(9)).toBeNull();
    const two = hist.filter((_, i) => i % 3 !== 2);
    expect(() =>
      findBestSplit(two, 0, 5, 2, [numeric(4)], Int32Array.of(0), Int8Array.of(0), stats, {
        ...params,
        minDataInLeaf: 2,
      }),
    ).toThrow(/counts/);
  });

  it('without counts, never splits off a side that holds no rows or only rounding residue', () => {
    // A histogram derived by subtraction can hold ±1e-17-sized sums in bins without rows (0, 3, the
    // missing bin); bin 4 is exactly empty.
    const cells: Array<[number, number]> = [
      [3e-16, 2e-17],
      [-2, 2],
      [1.5, 2],
      [-4e-16, 3e-17],
      [0, 0],
      [1e-16, 1e-17],
    ];
    const hist = Float64Array.from(cells.flat());
    const stats = { ...statsOf(hist, 2), count: 20 };
    for (const [lambda, minHessianInLeaf] of [
      [1, 0.001],
      [1, 0],
      [0, 0],
    ] as const) {
      const split = findBestSplit(hist, 0, 6, 2, [numeric(5)], Int32Array.of(0), Int8Array.of(0), stats, {
        ...params,
        lambda,
        minHessianInLeaf,
      });
      // Bins 0 1 | 2 3 4 is the only split with rows on both sides.
      expect(split?.thresholdBin).toBe(1);
      expect(split?.missingLeft).toBe(false);
      expect(Number.isFinite(split?.gain)).toBe(true);
    }
  });
});

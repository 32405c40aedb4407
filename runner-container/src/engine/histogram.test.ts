import { describe, expect, it } from 'vitest';
import { buildHistogramGH, buildHistogramGHC, histogramChannels, subtractHistogram } from './histogram.ts';
import { Random } from './random.ts';

/** Random row-major bins (bin nBins of each feature is its missing bin), gradients and hessians. */
function randomData(n: number, nFeatures: number, nBins: number, seed: number) {
  const r = new Random(seed);
  const bins = new Uint8Array(new SharedArrayBuffer(n * nFeatures));
  for (let i = 0; i < bins.length; i++) bins[i] = Math.floor(r.next() * (nBins + 1));
  const grad = new Float64Array(new SharedArrayBuffer(n * 8));
  const hess = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) {
    grad[i] = r.next() - 0.5;
    hess[i] = 0.01 + r.next() * 0.24;
  }
  return { bins, grad, hess, stride: nBins + 1 };
}

describe('histogram kernels', () => {
  const nFeatures = 7;
  const { bins, grad, hess, stride } = randomData(3000, nFeatures, 12, 5);
  const rows = Int32Array.from({ length: 1000 }, (_, i) => 3 * i + 1);

  it('sum gradient and hessian per bin in both layouts, and count rows with three channels', () => {
    const two = new Float64Array(nFeatures * stride * 2).fill(7);
    const three = new Float64Array(nFeatures * stride * 3).fill(7);
    buildHistogramGH(bins, nFeatures, rows, 0, rows.length, grad, hess, two, 0, stride, 0, nFeatures);
    buildHistogramGHC(bins, nFeatures, rows, 0, rows.length, grad, hess, three, 0, stride, 0, nFeatures);
    const expected = new Float64Array(nFeatures * stride * 3);
    for (const r of rows) {
      for (let f = 0; f < nFeatures; f++) {
        const slot = f * stride + (bins[r * nFeatures + f] as number);
        expected[3 * slot] = (expected[3 * slot] as number) + (grad[r] as number);
        expected[3 * slot + 1] = (expected[3 * slot + 1] as number) + (hess[r] as number);
        expected[3 * slot + 2] = (expected[3 * slot + 2] as number) + 1;
      }
    }
    expect(three).toEqual(expected);
    for (let slot = 0; slot < nFeatures * stride; slot++) {
      expect(two[2 * slot]).toBe(expected[3 * slot]);
      expect(two[2 * slot + 1]).toBe(expected[3 * slot + 1]);
    }
    expect(expected.filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0)).toBe(rows.length * nFeatures);
  });

  it('give the sibling by subtraction, with exact counts', () => {
    const all = Int32Array.from({ length: 3000 }, (_, i) => i);
    const parent = new Float64Array(nFeatures * stride * 3);
    const child = new Float64Array(nFeatures * stride * 3);
    const sibling = new Float64Array(nFeatures * stride * 3);
    const even = all.filter((r) => r % 2 === 0);
    const odd = all.filter((r) => r % 2 === 1);
    buildHistogramGHC(bins, nFeatures, all, 0, all.length, grad, hess, parent, 0, stride, 0, nFeatures);
    buildHistogramGHC(bins, nFeatures, even, 0, even.length, grad, hess, child, 0, stride, 0, nFeatures);
    buildHistogramGHC(bins, nFeatures, odd, 0, odd.length, grad, hess, sibling, 0, stride, 0, nFeatures);
    subtractHistogram(parent, child);
    parent.forEach((v, i) => {
      if (i % 3 === 2) expect(v).toBe(sibling[i]);
      else expect(v).toBeCloseTo(sibling[i] as number, 12);
    });
  });
});

describe('histogram channels', () => {
  it('keep counts only when min_data_in_leaf > 1 needs them', () => {
    expect(histogramChannels(1)).toBe(2);
    expect(histogramChannels(2)).toBe(3);
    expect(histogramChannels(1, 3)).toBe(3);
    expect(() => histogramChannels(5, 2)).toThrow(/min_data_in_leaf/);
  });
});

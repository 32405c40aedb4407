import { expect, it } from 'vitest';
import { type ColumnProfile, distributionOf, exactValues, quantileBins, trimmedBins } from './distribution.ts';

type Seven = [number, number, number, number, number, number, number];
const numeric = ([p01, p05, p25, p50, p75, p95, p99]: Seven, min: number, max: number) => ({
  min,
  max,
  mean: 0,
  std: 1,
  quantiles: { p01, p05, p25, p50, p75, p95, p99 },
  quantiles_exact: true,
});

const column = (over: Partial<ColumnProfile>): ColumnProfile => ({
  name: 'x',
  type: 'number',
  missing_count: 0,
  distinct_estimate: 100,
  numeric: numeric([1, 5, 25, 50, 75, 95, 99], 0, 100),
  dates: null,
  top_values: [],
  top_values_exact: false,
  ...over,
});

it('puts the quantiles’ shares between consecutive quantiles, summing to 1', () => {
  const bins = quantileBins(numeric([1, 5, 25, 50, 75, 95, 99], 0, 100));
  expect(bins.map((b) => [b.from, b.to])).toEqual([
    [0, 1],
    [1, 5],
    [5, 25],
    [25, 50],
    [50, 75],
    [75, 95],
    [95, 99],
    [99, 100],
  ]);
  expect(bins.map((b) => b.share)).toEqual([0.01, 0.04, 0.2, 0.25, 0.25, 0.2, 0.04, 0.01]);
});

it('moves the share of tied quantiles into the next bin with a width', () => {
  const bins = quantileBins(numeric([0, 0, 0, 2, 4, 6, 6], 0, 6));
  expect(bins.map((b) => [b.from, b.to, Number(b.share.toFixed(2))])).toEqual([
    [0, 2, 0.5],
    [2, 4, 0.25],
    [4, 6, 0.25],
  ]);
  expect(quantileBins(numeric([3, 3, 3, 3, 3, 3, 3], 3, 3))).toEqual([{ from: 3, to: 3, share: 1 }]);
});

it('leaves out a 1 % tail wider than the middle 98 %', () => {
  const { bins, below, above } = trimmedBins(quantileBins(numeric([10, 20, 30, 40, 50, 60, 70], 9, 10_000)));
  expect(below).toBe(0);
  expect(above).toBe(0.01);
  expect(bins[0]).toEqual({ from: 9, to: 10, share: 0.01 });
  expect(bins.at(-1)?.to).toBe(70);
});

it('draws one bar per value when the profile counted every value, in value order', () => {
  const c = column({
    type: 'integer',
    missing_count: 2,
    top_values: [
      { value: '0', count: 7 },
      { value: '-1', count: 1 },
    ],
    top_values_exact: true,
  });
  expect(exactValues(c, 10)).toEqual([
    { value: -1, count: 1 },
    { value: 0, count: 7 },
  ]);
  expect(exactValues(c, 11)).toBeNull(); // one value uncounted: not the whole column
  expect(distributionOf(c, 11)?.kind).toBe('bins');
  expect(distributionOf(column({ numeric: null, type: 'string' }), 10)).toBeNull();
});

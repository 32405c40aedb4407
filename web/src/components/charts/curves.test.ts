import { describe, expect, it } from 'vitest';
import { barLayout } from './bars.ts';
import { calibrationPoints, extent, gainsPoints, ksSeries, maxGap, rocPoints } from './curves.ts';

describe('rocPoints', () => {
  it('runs from (0, 0) to (1, 1) even when the table leaves out an end', () => {
    expect(rocPoints([{ fpr: 0.1, tpr: 0.5 }])).toEqual([
      { x: 0, y: 0 },
      { x: 0.1, y: 0.5 },
      { x: 1, y: 1 },
    ]);
    expect(
      rocPoints([
        { fpr: 0, tpr: 0 },
        { fpr: 1, tpr: 1 },
      ]),
    ).toHaveLength(2);
  });
});

describe('maxGap', () => {
  const curve = [
    { threshold: 0.1, bad_cdf: 0.05, good_cdf: 0.3 },
    { threshold: 0.2, bad_cdf: 0.2, good_cdf: 0.7 },
    { threshold: 0.4, bad_cdf: 0.6, good_cdf: 0.95 },
    { threshold: 0.9, bad_cdf: 1, good_cdf: 1 },
  ];

  it('finds the threshold where the cumulative shares lie furthest apart', () => {
    const gap = maxGap(curve);
    expect(gap?.threshold).toBe(0.2);
    expect(gap?.gap).toBeCloseTo(0.5, 12);
    expect(gap?.bad).toBe(0.2);
    expect(gap?.good).toBe(0.7);
    expect(maxGap([])).toBeUndefined();
  });

  it('splits the curve into the bads and goods series by threshold', () => {
    const { bads, goods } = ksSeries(curve);
    expect(bads[1]).toEqual({ x: 0.2, y: 0.2 });
    expect(goods[1]).toEqual({ x: 0.2, y: 0.7 });
  });
});

describe('gainsPoints', () => {
  it('places each decile at its cumulative share of rows, from the origin', () => {
    const row = (decile: number, n: number, cum_capture: number) => ({
      decile,
      n,
      bads: 0,
      bad_rate: 0,
      cum_capture,
      lift: 0,
    });
    // Uneven deciles (ties): 30 % of rows in the first.
    expect(gainsPoints([row(2, 70, 1), row(1, 30, 0.6)])).toEqual([
      { x: 0, y: 0 },
      { x: 0.3, y: 0.6 },
      { x: 1, y: 1 },
    ]);
  });
});

describe('calibrationPoints', () => {
  it('keeps non-empty bins in order, mean predicted against observed', () => {
    const bins = [
      { bin: 2, n: 10, mean_predicted: 0.3, observed_rate: 0.35 },
      { bin: 1, n: 10, mean_predicted: 0.1, observed_rate: 0.08 },
      { bin: 3, n: 0, mean_predicted: 0, observed_rate: 0 },
    ];
    expect(calibrationPoints(bins)).toEqual([
      { x: 0.1, y: 0.08 },
      { x: 0.3, y: 0.35 },
    ]);
    expect(extent([calibrationPoints(bins)])).toBe(0.35);
  });
});

describe('barLayout', () => {
  it('scales bars to the largest value, one row apart', () => {
    const bars = barLayout([{ v: 50 }, { v: 100 }, { v: -1 }], (d) => d.v, 200, 20);
    expect(bars.map((b) => [b.y, b.width])).toEqual([
      [0, 100],
      [20, 200],
      [40, 0],
    ]);
    expect(barLayout([{ v: 0 }], (d) => d.v, 200, 20)[0]?.width).toBe(0);
  });
});

/** The report's chart arithmetic: round axis bounds and the score histogram read off the KS curve. */
import { documents, exampleOf } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { importanceChart, scoreHistogram } from '../src/report/charts.ts';
import { niceCeiling, ticks } from '../src/report/svg.ts';

describe('axis bounds', () => {
  it('rounds a maximum up to a round number, never below it', () => {
    expect(niceCeiling(0.3067)).toBe(0.4);
    expect(niceCeiling(0.69)).toBe(0.8);
    expect(niceCeiling(0.5)).toBe(0.5);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(812.4)).toBe(1000);
    for (const v of [0.0123, 0.07, 0.249, 0.31, 0.999, 3.7, 41]) {
      const c = niceCeiling(v);
      expect(c).toBeGreaterThanOrEqual(v);
      expect(c).toBeLessThan(v * 2.6);
    }
  });

  it('puts round ticks across the range, ends included', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 0.4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(ticks(0, 0.25)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
  });
});

describe('score histogram from the KS curve', () => {
  it('differences the cumulative distributions at equal-width p_bad edges', () => {
    const curve = [
      { threshold: 0.1, bad_cdf: 0.2, good_cdf: 0.5 },
      { threshold: 0.3, bad_cdf: 0.6, good_cdf: 0.9 },
      { threshold: 0.8, bad_cdf: 1, good_cdf: 1 },
    ];
    const h = scoreHistogram(curve, 4);
    expect(h.edges).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(h.bads.map((v) => Number(v.toFixed(12)))).toEqual([0.2, 0.4, 0, 0.4]);
    expect(h.goods.map((v) => Number(v.toFixed(12)))).toEqual([0.5, 0.4, 0, 0.1]);
  });

  it('gives every bad and every good a bin', () => {
    const { test } = exampleOf(documents.Metrics);
    const h = scoreHistogram(test?.ks_curve ?? []);
    expect(h.bads).toHaveLength(20);
    expect(h.bads.reduce((a, b) => a + b, 0)).toBeCloseTo(0.85, 12);
    expect(h.goods.reduce((a, b) => a + b, 0)).toBeCloseTo(0.99, 12);
  });

  it('is empty for a sample with one class (no KS curve)', () => {
    const h = scoreHistogram([]);
    expect(h.bads.every((v) => v === 0) && h.goods.every((v) => v === 0)).toBe(true);
  });
});

describe('importance chart', () => {
  it('draws the 30 features with the most gain, largest first', () => {
    const importance = Array.from({ length: 40 }, (_, i) => ({ feature: `f${i}`, gain: i + 1, splits: 1 }));
    const svg = importanceChart(importance);
    expect(svg.match(/<rect /g)).toHaveLength(30);
    const labels = [...svg.matchAll(/text-anchor="end">(f\d+)</g)].map((m) => m[1]);
    expect(labels[0]).toBe('f39');
    expect(labels.at(-1)).toBe('f10');
    expect(labels).not.toContain('f9');
  });
});

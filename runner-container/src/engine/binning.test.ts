import { describe, expect, it } from 'vitest';
import { binColumns, binOf, categoricalBins, numericBins, numericEdges, rowMajor } from './binning.ts';
import { Random } from './random.ts';

describe('numeric binning', () => {
  it('gives each of few distinct values its own bin, cut halfway between neighbours', () => {
    const edges = numericEdges(Float64Array.of(3, 1, 2, 2, Number.NaN, 10), 255);
    expect(Array.from(edges)).toEqual([1.5, 2.5, 6.5]);
  });

  it('keeps at most max_bins bins of roughly equal counts', () => {
    const r = new Random(1);
    const values = Float64Array.from({ length: 50_000 }, () => r.next() * 100);
    const bins = numericBins(values, 16);
    expect(bins.nBins).toBeLessThanOrEqual(16);
    expect(bins.nBins).toBeGreaterThanOrEqual(15);
    const counts = new Array(bins.nBins).fill(0);
    for (const v of values) counts[binOf(bins.edges, v)]++;
    for (const c of counts) expect(Math.abs(c - 50_000 / bins.nBins)).toBeLessThan(50_000 / bins.nBins / 5);
  });

  it('puts a heavily repeated value in one bin and never splits equal values', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i));
    const bins = numericBins(values, 10);
    const zeroBins = new Set(
      Array.from(
        values.filter((v) => v === 0),
        (v) => binOf(bins.edges, v),
      ),
    );
    expect(zeroBins.size).toBe(1);
    for (let i = 1; i < bins.edges.length; i++) expect(bins.edges[i]).toBeGreaterThan(bins.edges[i - 1] as number);
  });

  it('maps value ≤ edge[b] exactly to bin ≤ b, also for neighbouring doubles', () => {
    const a = 1;
    const b = 1 + Number.EPSILON;
    const edges = numericEdges(Float64Array.of(a, b, a, b), 255);
    expect(edges).toHaveLength(1);
    expect(binOf(edges, a)).toBe(0);
    expect(binOf(edges, b)).toBe(1);
  });

  it('bins missing values into the extra bin, in both layouts', () => {
    const columns = [Float64Array.of(1, Number.NaN, 3), Float64Array.of(0, 2, Number.NaN)];
    const bins = [numericBins(columns[0] as Float64Array, 255), categoricalBins(3)];
    const byColumn = binColumns(columns, bins);
    expect(Array.from(byColumn[0] as Uint8Array)).toEqual([0, 2, 1]);
    expect(Array.from(byColumn[1] as Uint8Array)).toEqual([0, 2, 3]);
    expect(Array.from(rowMajor(byColumn))).toEqual([0, 0, 2, 2, 1, 3]);
  });

  it('places edges from a seeded sample of the present values when there are more than 200k', () => {
    const r = new Random(9);
    const column = Float64Array.from({ length: 260_000 }, () => (r.next() < 0.1 ? Number.NaN : r.next() * 1000));
    const present = column.filter((v) => !Number.isNaN(v));
    const picks = new Random(3).sample(present.length, 200_000);
    const sample = Float64Array.from(picks, (i) => present[i] as number).sort();
    // The same edges as from that sample, computed directly.
    expect(numericEdges(column, 255, 3)).toEqual(numericEdges(sample, 255, 3));
    expect(numericEdges(column, 255, 3)).not.toEqual(numericEdges(column, 255, 4));
  });

  it('bins every value as the binary search does, for any number of edges', () => {
    const r = new Random(7);
    for (const count of [0, 1, 2, 3, 64, 127, 128, 200, 254]) {
      const edges = Float64Array.from({ length: count }, () => (r.next() - 0.5) * 1000).sort();
      const column = Float64Array.from({ length: 4000 }, (_, i) => {
        const pick = i % 5;
        if (pick === 0 && count > 0) return edges[Math.floor(r.next() * count)] as number; // exactly an edge
        if (pick === 1 && count > 0) return nextUp(edges[Math.floor(r.next() * count)] as number);
        if (pick === 2) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -0, 0, -600, 600][i % 6] as number;
        return (r.next() - 0.5) * 1200;
      });
      const feature = { categorical: false, nBins: count + 1, edges };
      const [binned] = binColumns([column], [feature]);
      const expected = Array.from(column, (v) => binOf(edges, v));
      expect(Array.from(binned as Uint8Array)).toEqual(expected);
    }
  });
});

/** The next double above x (x finite). */
function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x === 0 ? 0 : x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * The shape of a numeric column from its profile, which keeps no histogram: when every value is
 * known (few distinct values, counted exactly) one bar per value; otherwise a histogram whose bins
 * run between the profile's quantiles, each holding the share of values the quantiles put there
 * (1 %, 4 %, 20 %, 25 %, 25 %, 20 %, 4 %, 1 %), drawn as density so a bar's area is its share.
 */
import type { DatasetProfile } from '@talaty/schemas';

export type ColumnProfile = DatasetProfile['columns'][number];
type Numeric = NonNullable<ColumnProfile['numeric']>;

export interface Bar {
  readonly value: number;
  readonly count: number;
}

export interface Bin {
  readonly from: number;
  readonly to: number;
  /** Share of the non-missing values in [from, to]. */
  readonly share: number;
}

export type Distribution =
  | { readonly kind: 'values'; readonly bars: readonly Bar[] }
  | {
      readonly kind: 'bins';
      readonly bins: readonly Bin[];
      /** Share of values below the first bin / above the last, left out as outliers. */
      readonly below: number;
      readonly above: number;
    };

const SHARES = [0.01, 0.04, 0.2, 0.25, 0.25, 0.2, 0.04, 0.01] as const;

/** Every non-missing value, counted, when the profile lists them all; else null. */
export function exactValues(column: ColumnProfile, rowCount: number): Bar[] | null {
  if (!column.top_values_exact || column.top_values.length === 0) return null;
  const present = rowCount - column.missing_count;
  const bars = column.top_values.map((t) => ({ value: Number(t.value), count: t.count }));
  if (bars.some((b) => !Number.isFinite(b.value))) return null;
  if (bars.reduce((sum, b) => sum + b.count, 0) !== present) return null;
  return bars.sort((a, b) => a.value - b.value);
}

/** Quantile bins over min … max; a tied edge's share joins the next bin with width. */
export function quantileBins(numeric: Numeric): Bin[] {
  const q = numeric.quantiles;
  const edges = [numeric.min, q.p01, q.p05, q.p25, q.p50, q.p75, q.p95, q.p99, numeric.max];
  const bins: Bin[] = [];
  let carried = 0;
  let from = numeric.min;
  SHARES.forEach((share, i) => {
    const to = Math.max(from, edges[i + 1] ?? from);
    if (to > from) {
      bins.push({ from, to, share: share + carried });
      carried = 0;
      from = to;
    } else {
      carried += share;
    }
  });
  const last = bins.pop();
  if (last === undefined) return [{ from: numeric.min, to: numeric.max, share: 1 }];
  bins.push({ ...last, share: last.share + carried });
  return bins;
}

/**
 * Bins without the outer 1 % bins when those stretch the axis more than the middle 98 % span,
 * so a few extreme values do not squeeze the body of the distribution into one bar.
 */
export function trimmedBins(bins: readonly Bin[]): { bins: Bin[]; below: number; above: number } {
  const kept = [...bins];
  const first = kept[0];
  const final = kept[kept.length - 1];
  if (first === undefined || final === undefined || kept.length < 3) return { bins: kept, below: 0, above: 0 };
  const span = (b: Bin) => b.to - b.from;
  const middle = kept.slice(1, -1).reduce((sum, b) => sum + span(b), 0);
  let below = 0;
  let above = 0;
  if (first.share <= 0.011 && span(first) > middle) below = kept.shift()?.share ?? 0;
  if (final.share <= 0.011 && span(final) > middle) above = kept.pop()?.share ?? 0;
  return { bins: kept, below, above };
}

export function distributionOf(column: ColumnProfile, rowCount: number): Distribution | null {
  if (column.numeric === null) return null;
  const bars = exactValues(column, rowCount);
  if (bars !== null) return { kind: 'values', bars };
  return { kind: 'bins', ...trimmedBins(quantileBins(column.numeric)) };
}

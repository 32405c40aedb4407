/**
 * The points each evaluation chart draws, from the Metrics document's tables: ROC, the KS curves
 * with their widest gap, cumulative gains from the deciles, and calibration bins.
 */
import type { CalibrationBin, GainsRow, KsPoint, RocPoint } from '@talaty/schemas';
import type { Point } from './path.ts';

/** The ROC curve as drawn: from (0, 0) to (1, 1) even when the table leaves out an end. */
export function rocPoints(roc: readonly RocPoint[]): Point[] {
  const points = roc.map((p) => ({ x: p.fpr, y: p.tpr }));
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || first.x !== 0 || first.y !== 0) points.unshift({ x: 0, y: 0 });
  if (last === undefined || last.x !== 1 || last.y !== 1) points.push({ x: 1, y: 1 });
  return points;
}

export interface KsGap {
  readonly threshold: number;
  readonly bad: number;
  readonly good: number;
  /** good_cdf − bad_cdf at the threshold, as an absolute distance. */
  readonly gap: number;
}

/** Where the cumulative shares of goods and bads lie furthest apart (the first such threshold). */
export function maxGap(curve: readonly KsPoint[]): KsGap | undefined {
  let best: KsGap | undefined;
  for (const p of curve) {
    const gap = Math.abs(p.good_cdf - p.bad_cdf);
    if (best === undefined || gap > best.gap) {
      best = { threshold: p.threshold, bad: p.bad_cdf, good: p.good_cdf, gap };
    }
  }
  return best;
}

export function ksSeries(curve: readonly KsPoint[]): { bads: Point[]; goods: Point[] } {
  return {
    bads: curve.map((p) => ({ x: p.threshold, y: p.bad_cdf })),
    goods: curve.map((p) => ({ x: p.threshold, y: p.good_cdf })),
  };
}

/**
 * Cumulative capture of bads against the cumulative share of rows, deciles riskiest first, from
 * (0, 0); the x of each decile is its rows' share, so uneven deciles land where they belong.
 */
export function gainsPoints(gains: readonly GainsRow[]): Point[] {
  const total = gains.reduce((sum, row) => sum + row.n, 0);
  const points: Point[] = [{ x: 0, y: 0 }];
  let rows = 0;
  for (const row of [...gains].sort((a, b) => a.decile - b.decile)) {
    rows += row.n;
    points.push({ x: total === 0 ? row.decile / 10 : rows / total, y: row.cum_capture });
  }
  return points;
}

/** Observed bad rate against mean predicted p_bad, one point per non-empty bin. */
export function calibrationPoints(bins: readonly CalibrationBin[]): Point[] {
  return [...bins]
    .filter((b) => b.n > 0)
    .sort((a, b) => a.bin - b.bin)
    .map((b) => ({ x: b.mean_predicted, y: b.observed_rate }));
}

/** The largest x or y among the points (0 for none): the calibration chart's square extent. */
export function extent(series: ReadonlyArray<readonly Point[]>): number {
  let max = 0;
  for (const points of series) for (const p of points) max = Math.max(max, p.x, p.y);
  return max;
}

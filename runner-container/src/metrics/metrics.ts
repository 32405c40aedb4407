/**
 * Credit-scoring metrics of p_bad against the outcome (y = 1 for bad), optionally weighted, with
 * the conventions stated in the Metrics schema: AUC with ties counting one half, Gini = 2·AUC − 1,
 * KS, log loss, Brier, decile gains, calibration with Hosmer–Lemeshow, ROC and KS curves, PSI.
 */
import type { CalibrationBin, GainsRow, HosmerLemeshow, KsPoint, RocPoint, SplitMetrics } from '@talaty/schemas';
import { chiSquareUpperTail } from './chi-square.ts';

export interface Outcomes {
  readonly p: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array | null;
}

const weightOf = (o: Outcomes, i: number) => (o.w === null ? 1 : (o.w[i] as number));

/** Row indices by ascending p (ties in row order). */
function ascending(p: Float64Array): Int32Array {
  const order = Int32Array.from(p.keys());
  return order.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
}

/** Cumulative bad and good weight at each distinct p, ascending. */
function tieGroups(o: Outcomes, order: Int32Array) {
  const threshold: number[] = [];
  const bads: number[] = [];
  const goods: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const p = o.p[i] as number;
    const w = weightOf(o, i);
    if (threshold.length === 0 || threshold[threshold.length - 1] !== p) {
      threshold.push(p);
      bads.push(0);
      goods.push(0);
    }
    const g = threshold.length - 1;
    if ((o.y[i] as number) === 1) bads[g] = (bads[g] as number) + w;
    else goods[g] = (goods[g] as number) + w;
  }
  return { threshold, bads, goods };
}

/** At most `max` evenly spaced items, always the first and last. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, k) => items[Math.round((k * (items.length - 1)) / (max - 1))] as T);
}

export function rankMetrics(o: Outcomes, order = ascending(o.p)) {
  const { threshold, bads, goods } = tieGroups(o, order);
  const totalBad = bads.reduce((a, b) => a + b, 0);
  const totalGood = goods.reduce((a, b) => a + b, 0);
  if (totalBad === 0 || totalGood === 0) return { auc: null, ks: null, roc: [], ksCurve: [] };
  let area = 0;
  let goodBelow = 0;
  let badBelow = 0;
  let ks = 0;
  const ksCurve: KsPoint[] = [];
  threshold.forEach((t, g) => {
    area += (bads[g] as number) * (goodBelow + 0.5 * (goods[g] as number));
    goodBelow += goods[g] as number;
    badBelow += bads[g] as number;
    const point = { threshold: t, bad_cdf: badBelow / totalBad, good_cdf: goodBelow / totalGood };
    ks = Math.max(ks, Math.abs(point.good_cdf - point.bad_cdf));
    ksCurve.push(point);
  });
  // ROC: share of bads and goods with p_bad at or above each threshold, from the top down.
  const roc: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let goodAbove = 0;
  let badAbove = 0;
  for (let g = threshold.length - 1; g >= 0; g--) {
    goodAbove += goods[g] as number;
    badAbove += bads[g] as number;
    roc.push({ fpr: Math.min(1, goodAbove / totalGood), tpr: Math.min(1, badAbove / totalBad) });
  }
  return { auc: area / (totalBad * totalGood), ks, roc: thin(roc, 200), ksCurve: thin(ksCurve, 200) };
}

/** Ten equal-count groups of `order` (fewer, never empty, under ten rows). */
function deciles(order: Int32Array): Int32Array[] {
  const n = order.length;
  const groups: Int32Array[] = [];
  for (let k = 0; k < 10; k++) {
    const part = order.subarray(Math.floor((k * n) / 10), Math.floor(((k + 1) * n) / 10));
    if (part.length > 0) groups.push(part);
  }
  return groups;
}

function sums(o: Outcomes, rows: Int32Array) {
  let weight = 0;
  let bads = 0;
  let expected = 0;
  for (const i of rows) {
    const w = weightOf(o, i);
    weight += w;
    if ((o.y[i] as number) === 1) bads += w;
    expected += w * (o.p[i] as number);
  }
  return { weight, bads, expected };
}

export function gains(o: Outcomes, order: Int32Array): GainsRow[] {
  const descending = Int32Array.from(order).sort((a, b) => (o.p[b] as number) - (o.p[a] as number) || a - b);
  const total = sums(o, descending);
  const rate = total.weight > 0 ? total.bads / total.weight : 0;
  let captured = 0;
  return deciles(descending).map((rows, k, all) => {
    const s = sums(o, rows);
    captured += s.bads;
    const badRate = s.weight > 0 ? s.bads / s.weight : 0;
    const last = k === all.length - 1;
    return {
      decile: k + 1,
      n: rows.length,
      bads: s.bads,
      bad_rate: badRate,
      cum_capture: total.bads > 0 ? (last ? 1 : Math.min(1, captured / total.bads)) : 0,
      lift: rate > 0 ? badRate / rate : 0,
    };
  });
}

export function calibration(o: Outcomes, order: Int32Array): { bins: CalibrationBin[]; hl: HosmerLemeshow | null } {
  let statistic = 0;
  let used = 0;
  const bins = deciles(order).map((rows, k) => {
    const s = sums(o, rows);
    if (s.expected > 0 && s.expected < s.weight) {
      statistic += (s.bads - s.expected) ** 2 / (s.expected * (1 - s.expected / s.weight));
      used++;
    }
    const mean = (x: number) => (s.weight > 0 ? Math.min(1, Math.max(0, x / s.weight)) : 0);
    return { bin: k + 1, n: rows.length, mean_predicted: mean(s.expected), observed_rate: mean(s.bads) };
  });
  const df = used - 2;
  const hl = df >= 1 ? { statistic, degrees_of_freedom: df, p_value: chiSquareUpperTail(statistic, df) } : null;
  return { bins, hl };
}

export function logloss(o: Outcomes): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < o.p.length; i++) {
    const p = Math.min(Math.max(o.p[i] as number, 1e-15), 1 - 1e-15);
    const w = weightOf(o, i);
    sum += -w * ((o.y[i] as number) === 1 ? Math.log(p) : Math.log(1 - p));
    total += w;
  }
  return total > 0 ? sum / total : 0;
}

export function brier(o: Outcomes): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < o.p.length; i++) {
    const w = weightOf(o, i);
    sum += w * ((o.p[i] as number) - (o.y[i] as number)) ** 2;
    total += w;
  }
  return total > 0 ? sum / total : 0;
}

export function splitMetrics(o: Outcomes): SplitMetrics {
  const order = ascending(o.p);
  const { auc, ks, roc, ksCurve } = rankMetrics(o, order);
  const total = sums(o, order);
  const { bins, hl } = calibration(o, order);
  return {
    n: o.p.length,
    bad_rate: total.weight > 0 ? total.bads / total.weight : 0,
    auc,
    gini: auc === null ? null : 2 * auc - 1,
    ks,
    logloss: logloss(o),
    brier: brier(o),
    gains: gains(o, order),
    calibration: bins,
    hosmer_lemeshow: hl,
    roc,
    ks_curve: ksCurve,
  };
}

/** Floor for an empty bin's share (see PSI_CONVENTION). */
const EMPTY_SHARE = 0.0001;

/**
 * PSI of `compared` against `reference` over the reference's quantile bins of p_bad (tied edges
 * merged). Edges are unweighted quantiles; shares are weighted when weights are given.
 */
export function psi(reference: Outcomes, compared: Outcomes, bins = 10): number {
  const sorted = Float64Array.from(reference.p).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = sorted[Math.max(0, Math.ceil((k * sorted.length) / bins) - 1)] as number;
    if (edges.length === 0 || q > (edges[edges.length - 1] as number)) edges.push(q);
  }
  const shares = (o: Outcomes) => {
    const counts = new Float64Array(edges.length + 1);
    let total = 0;
    for (let i = 0; i < o.p.length; i++) {
      const v = o.p[i] as number;
      let b = 0;
      while (b < edges.length && v > (edges[b] as number)) b++;
      counts[b] = (counts[b] as number) + weightOf(o, i);
      total += weightOf(o, i);
    }
    return counts.map((c) => (c > 0 ? c / total : EMPTY_SHARE));
  };
  const e = shares(reference);
  const a = shares(compared);
  let sum = 0;
  for (let b = 0; b < e.length; b++) {
    const ab = a[b] as number;
    const eb = e[b] as number;
    sum += (ab - eb) * Math.log(ab / eb);
  }
  return sum;
}

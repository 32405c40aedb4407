/**
 * Best split of a node from its histogram. Gains follow xgboost's convention: for a child with
 * gradient sum G, hessian sum H and weight w, score = −(2·G·w + (H + λ)·w²), which is G²/(H + λ)
 * at the unconstrained optimum w = −G/(H + λ); gain = score(left) + score(right) − score(node).
 * Weights are clamped to the node's bounds, which is how monotone constraints are enforced.
 */
import type { FeatureBins } from './binning.ts';

export interface SplitParams {
  readonly lambda: number;
  readonly minDataInLeaf: number;
  readonly minHessianInLeaf: number;
  readonly minSplitGain: number;
}

export interface NodeStats {
  readonly g: number;
  readonly h: number;
  readonly count: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Split {
  readonly feature: number;
  readonly gain: number;
  /** Numeric: bins ≤ thresholdBin go left. */
  readonly thresholdBin: number;
  /** Categorical: leftBins[b] = 1 when bin b goes left; null for numeric splits. */
  readonly leftBins: Uint8Array | null;
  readonly missingLeft: boolean;
  readonly left: { readonly g: number; readonly h: number; readonly count: number };
  readonly leftWeight: number;
  readonly rightWeight: number;
}

export function leafWeight(g: number, h: number, lambda: number, lower: number, upper: number): number {
  const w = -g / (h + lambda);
  return Math.min(Math.max(w, lower), upper);
}

function score(g: number, h: number, lambda: number, w: number): number {
  return -(2 * g * w + (h + lambda) * w * w);
}

/** Smallest gain treated as an improvement (as xgboost's kRtEps). */
const MIN_GAIN = 1e-6;

class Candidate {
  feature = -1;
  gain = 0;
  thresholdBin = 0;
  leftBins: Uint8Array | null = null;
  missingLeft = false;
  lg = 0;
  lh = 0;
  lc = 0;
  wl = 0;
  wr = 0;
}

/** Evaluates one left/right partition; records it in `best` when it is valid and better. */
function consider(
  best: Candidate,
  node: NodeStats,
  parentScore: number,
  p: SplitParams,
  monotone: number,
  lg: number,
  lh: number,
  lc: number,
): boolean {
  const rc = node.count - lc;
  const rh = node.h - lh;
  if (lc < p.minDataInLeaf || rc < p.minDataInLeaf || lh < p.minHessianInLeaf || rh < p.minHessianInLeaf) return false;
  const rg = node.g - lg;
  const wl = leafWeight(lg, lh, p.lambda, node.lower, node.upper);
  const wr = leafWeight(rg, rh, p.lambda, node.lower, node.upper);
  if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return false;
  const gain = score(lg, lh, p.lambda, wl) + score(rg, rh, p.lambda, wr) - parentScore;
  if (gain <= best.gain || gain <= MIN_GAIN || gain < p.minSplitGain) return false;
  best.gain = gain;
  best.lg = lg;
  best.lh = lh;
  best.lc = lc;
  best.wl = wl;
  best.wr = wr;
  return true;
}

function scanNumeric(
  best: Candidate,
  hist: Float64Array,
  base: number,
  nBins: number,
  node: NodeStats,
  parentScore: number,
  p: SplitParams,
  monotone: number,
  feature: number,
): void {
  const m = base + nBins * 3;
  const mg = hist[m] as number;
  const mh = hist[m + 1] as number;
  const mc = hist[m + 2] as number;
  let lg = 0;
  let lh = 0;
  let lc = 0;
  for (let b = 0; b + 1 < nBins; b++) {
    const o = base + b * 3;
    lg += hist[o] as number;
    lh += hist[o + 1] as number;
    lc += hist[o + 2] as number;
    if (lc === 0) continue;
    if (lc === node.count) break;
    // Missing rows right; when only missing rows remain, this is the "missing or not" split.
    if (consider(best, node, parentScore, p, monotone, lg, lh, lc)) {
      Object.assign(best, { feature, thresholdBin: b, leftBins: null, missingLeft: false });
    }
    if (mc > 0 && lc + mc < node.count && consider(best, node, parentScore, p, monotone, lg + mg, lh + mh, lc + mc)) {
      Object.assign(best, { feature, thresholdBin: b, leftBins: null, missingLeft: true });
    }
  }
}

function scanCategorical(
  best: Candidate,
  hist: Float64Array,
  base: number,
  nBins: number,
  node: NodeStats,
  parentScore: number,
  p: SplitParams,
  feature: number,
): void {
  const present: number[] = [];
  for (let b = 0; b < nBins; b++) if ((hist[base + b * 3 + 2] as number) > 0) present.push(b);
  const ratio = (b: number) => (hist[base + b * 3] as number) / ((hist[base + b * 3 + 1] as number) + p.lambda);
  present.sort((a, b) => ratio(a) - ratio(b) || a - b);
  const m = base + nBins * 3;
  const mg = hist[m] as number;
  const mh = hist[m + 1] as number;
  const mc = hist[m + 2] as number;
  let lg = 0;
  let lh = 0;
  let lc = 0;
  for (let k = 0; k < present.length; k++) {
    const o = base + (present[k] as number) * 3;
    lg += hist[o] as number;
    lh += hist[o + 1] as number;
    lc += hist[o + 2] as number;
    const prefix = () => {
      const left = new Uint8Array(nBins);
      for (let j = 0; j <= k; j++) left[present[j] as number] = 1;
      return left;
    };
    const last = k + 1 === present.length;
    if ((!last || mc > 0) && consider(best, node, parentScore, p, 0, lg, lh, lc)) {
      Object.assign(best, { feature, thresholdBin: 0, leftBins: prefix(), missingLeft: false });
    }
    if (!last && mc > 0 && consider(best, node, parentScore, p, 0, lg + mg, lh + mh, lc + mc)) {
      Object.assign(best, { feature, thresholdBin: 0, leftBins: prefix(), missingLeft: true });
    }
  }
}

export function findBestSplit(
  hist: Float64Array,
  offset: number,
  stride: number,
  features: readonly FeatureBins[],
  allowed: Int32Array,
  monotone: Int8Array,
  node: NodeStats,
  p: SplitParams,
): Split | null {
  const w = leafWeight(node.g, node.h, p.lambda, node.lower, node.upper);
  const parentScore = score(node.g, node.h, p.lambda, w);
  const best = new Candidate();
  for (let i = 0; i < allowed.length; i++) {
    const f = allowed[i] as number;
    const bins = features[f] as FeatureBins;
    const base = offset + f * stride * 3;
    if (bins.categorical) scanCategorical(best, hist, base, bins.nBins, node, parentScore, p, f);
    else scanNumeric(best, hist, base, bins.nBins, node, parentScore, p, monotone[f] as number, f);
  }
  if (best.feature < 0) return null;
  return {
    feature: best.feature,
    gain: best.gain,
    thresholdBin: best.thresholdBin,
    leftBins: best.leftBins,
    missingLeft: best.missingLeft,
    left: { g: best.lg, h: best.lh, count: best.lc },
    leftWeight: best.wl,
    rightWeight: best.wr,
  };
}

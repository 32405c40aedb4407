/**
 * Best split of a node from its histogram. Gains follow xgboost's convention: for a child with
 * gradient sum G, hessian sum H and weight w, score = −(2·G·w + (H + λ)·w²), which is G²/(H + λ)
 * at the unconstrained optimum w = −G/(H + λ); gain = score(left) + score(right) − score(node).
 * Weights are clamped to the node's bounds, which is how monotone constraints are enforced.
 *
 * Which bins and sides hold rows: with 3-channel histograms, by their counts (exact, and needed for
 * min_data_in_leaf > 1). With 2 channels (min_data_in_leaf = 1), by a positive hessian sum: every
 * row with a positive weight has a positive hessian; a row of weight 0 adds nothing to any sum, so
 * treating it as absent changes no gain, only the side taken by a category or by missing values
 * that a node holds only in such rows (right, as when it holds none).
 * A histogram derived by subtraction can hold a rounding residue (~1e-16 of its ancestors' sums) in a
 * bin without rows. A side holding only residue has gain ≈ 0, below MIN_GAIN, so it is never chosen,
 * and training rows are partitioned as with counts. But a missing bin or a category holding only
 * residue looks present: in a node without missing values of a feature, sending them left or right
 * then ties up to rounding, where counts send them right (likewise an absent category's side).
 */
import type { FeatureBins } from './binning.ts';
import type { HistogramChannels } from './histogram.ts';

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
  readonly left: { readonly g: number; readonly h: number };
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
  wl = 0;
  wr = 0;
}

/**
 * Evaluates one left/right partition; records it in `best` when it is valid and better. `lc` is the
 * left row count, or −1 when counts are not kept (then min_data_in_leaf is 1: both sides must hold
 * rows, i.e. have a positive hessian sum).
 */
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
  const rh = node.h - lh;
  const rows = lc < 0 ? lh > 0 && rh > 0 : lc >= p.minDataInLeaf && node.count - lc >= p.minDataInLeaf;
  if (!rows || lh < p.minHessianInLeaf || rh < p.minHessianInLeaf) return false;
  const rg = node.g - lg;
  const wl = leafWeight(lg, lh, p.lambda, node.lower, node.upper);
  const wr = leafWeight(rg, rh, p.lambda, node.lower, node.upper);
  if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return false;
  const gain = score(lg, lh, p.lambda, wl) + score(rg, rh, p.lambda, wr) - parentScore;
  if (gain <= best.gain || gain <= MIN_GAIN || gain < p.minSplitGain) return false;
  best.gain = gain;
  best.lg = lg;
  best.lh = lh;
  best.wl = wl;
  best.wr = wr;
  return true;
}

/** Where one feature's bins lie in a histogram, and whether they carry counts. */
interface FeatureHistogram {
  readonly hist: Float64Array;
  /** Slot of bin 0. */
  readonly base: number;
  /** Value bins; the missing bin is nBins. */
  readonly nBins: number;
  readonly channels: HistogramChannels;
}

/** Rows in bin b: its count with 3 channels; with 2, 1 when its hessian sum is positive, else 0. */
function rowsIn(fh: FeatureHistogram, b: number): number {
  const o = fh.base + b * fh.channels;
  if (fh.channels === 3) return fh.hist[o + 2] as number;
  return (fh.hist[o + 1] as number) > 0 ? 1 : 0;
}

function scanNumeric(
  best: Candidate,
  fh: FeatureHistogram,
  node: NodeStats,
  parentScore: number,
  p: SplitParams,
  monotone: number,
  feature: number,
): void {
  const { hist, base, nBins, channels } = fh;
  const counted = channels === 3;
  const m = base + nBins * channels;
  const mg = hist[m] as number;
  const mh = hist[m + 1] as number;
  const mc = rowsIn(fh, nBins);
  // Without counts: the last value bin holding rows; thresholds at or after it leave only missing
  // rows right, so they are tried only when there are some.
  let last = nBins - 1;
  if (!counted) while (last >= 0 && !((hist[base + last * channels + 1] as number) > 0)) last--;
  const stop = counted || mc > 0 ? nBins - 1 : last;
  let lg = 0;
  let lh = 0;
  let lc = 0;
  for (let b = 0; b < stop; b++) {
    const o = base + b * channels;
    lg += hist[o] as number;
    lh += hist[o + 1] as number;
    if (counted) {
      lc += hist[o + 2] as number;
      if (lc === 0) continue;
      // Every row is left, and stays left at every later threshold.
      if (lc === node.count) break;
    } else if (!(lh > 0)) continue;
    // Missing rows right; when only missing rows remain, this is the "missing or not" split.
    if (consider(best, node, parentScore, p, monotone, lg, lh, counted ? lc : -1)) {
      Object.assign(best, { feature, thresholdBin: b, leftBins: null, missingLeft: false });
    }
    // Missing rows left, when some are missing and some value rows are right.
    if (
      mc > 0 &&
      (counted ? lc + mc < node.count : b < last) &&
      consider(best, node, parentScore, p, monotone, lg + mg, lh + mh, counted ? lc + mc : -1)
    ) {
      Object.assign(best, { feature, thresholdBin: b, leftBins: null, missingLeft: true });
    }
  }
}

function scanCategorical(
  best: Candidate,
  fh: FeatureHistogram,
  node: NodeStats,
  parentScore: number,
  p: SplitParams,
  feature: number,
): void {
  const { hist, base, nBins, channels } = fh;
  const counted = channels === 3;
  const present: number[] = [];
  for (let b = 0; b < nBins; b++) if (rowsIn(fh, b) > 0) present.push(b);
  const ratio = (b: number) =>
    (hist[base + b * channels] as number) / ((hist[base + b * channels + 1] as number) + p.lambda);
  present.sort((a, b) => ratio(a) - ratio(b) || a - b);
  const m = base + nBins * channels;
  const mg = hist[m] as number;
  const mh = hist[m + 1] as number;
  const mc = rowsIn(fh, nBins);
  let lg = 0;
  let lh = 0;
  let lc = 0;
  for (let k = 0; k < present.length; k++) {
    const o = base + (present[k] as number) * channels;
    lg += hist[o] as number;
    lh += hist[o + 1] as number;
    if (counted) lc += hist[o + 2] as number;
    const prefix = () => {
      const left = new Uint8Array(nBins);
      for (let j = 0; j <= k; j++) left[present[j] as number] = 1;
      return left;
    };
    const last = k + 1 === present.length;
    if ((!last || mc > 0) && consider(best, node, parentScore, p, 0, lg, lh, counted ? lc : -1)) {
      Object.assign(best, { feature, thresholdBin: 0, leftBins: prefix(), missingLeft: false });
    }
    if (!last && mc > 0 && consider(best, node, parentScore, p, 0, lg + mg, lh + mh, counted ? lc + mc : -1)) {
      Object.assign(best, { feature, thresholdBin: 0, leftBins: prefix(), missingLeft: true });
    }
  }
}

/**
 * Best split of a node over the allowed features, from its histogram (at `offset`, `channels` per
 * slot); counts are read only with 3 channels, which min_data_in_leaf > 1 requires.
 */
export function findBestSplit(
  hist: Float64Array,
  offset: number,
  stride: number,
  channels: HistogramChannels,
  features: readonly FeatureBins[],
  allowed: Int32Array,
  monotone: Int8Array,
  node: NodeStats,
  p: SplitParams,
): Split | null {
  if (channels !== 3 && p.minDataInLeaf > 1) throw new Error('min_data_in_leaf > 1 needs histogram counts');
  const w = leafWeight(node.g, node.h, p.lambda, node.lower, node.upper);
  const parentScore = score(node.g, node.h, p.lambda, w);
  const best = new Candidate();
  for (let i = 0; i < allowed.length; i++) {
    const f = allowed[i] as number;
    const bins = features[f] as FeatureBins;
    const fh: FeatureHistogram = { hist, base: offset + f * stride * channels, nBins: bins.nBins, channels };
    if (bins.categorical) scanCategorical(best, fh, node, parentScore, p, f);
    else scanNumeric(best, fh, node, parentScore, p, monotone[f] as number, f);
  }
  if (best.feature < 0) return null;
  return {
    feature: best.feature,
    gain: best.gain,
    thresholdBin: best.thresholdBin,
    leftBins: best.leftBins,
    missingLeft: best.missingLeft,
    left: { g: best.lg, h: best.lh },
    leftWeight: best.wl,
    rightWeight: best.wr,
  };
}

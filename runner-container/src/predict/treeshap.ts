/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per-row contributions of each feature
 * to the raw score, with node covers as the background distribution. For every row,
 * expectedValue + Σ contributions = raw score.
 */
import { type CompiledModel, childOf } from './predictor.ts';

/** Paths of one tree walk; each recursion level copies its parent's path into its own segment. */
class PathStore {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/** 1/k for path lengths: multiplications instead of divisions in the inner loops. */
const RECIPROCAL = Float64Array.from({ length: 130 }, (_, k) => (k === 0 ? 0 : 1 / k));

function extend(p: PathStore, s: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[s + depth] = feature;
  p.zero[s + depth] = zero;
  p.one[s + depth] = one;
  p.weight[s + depth] = depth === 0 ? 1 : 0;
  const inv = RECIPROCAL[depth + 1] as number;
  for (let i = depth - 1; i >= 0; i--) {
    const w = p.weight[s + i] as number;
    p.weight[s + i + 1] = (p.weight[s + i + 1] as number) + one * w * (i + 1) * inv;
    p.weight[s + i] = zero * w * (depth - i) * inv;
  }
}

function unwind(p: PathStore, s: number, depth: number, index: number): void {
  const one = p.one[s + index] as number;
  const zero = p.zero[s + index] as number;
  let next = p.weight[s + depth] as number;
  const inv = RECIPROCAL[depth + 1] as number;
  if (one !== 0) {
    const invOne = 1 / one;
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = p.weight[s + i] as number;
      const w = next * (depth + 1) * (RECIPROCAL[i + 1] as number) * invOne;
      p.weight[s + i] = w;
      next = tmp - w * zero * (depth - i) * inv;
    }
  } else {
    const invZero = 1 / zero;
    for (let i = depth - 1; i >= 0; i--) {
      p.weight[s + i] = (p.weight[s + i] as number) * (depth + 1) * invZero * (RECIPROCAL[depth - i] as number);
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[s + i] = p.feature[s + i + 1] as number;
    p.zero[s + i] = p.zero[s + i + 1] as number;
    p.one[s + i] = p.one[s + i + 1] as number;
  }
}

function unwoundSum(p: PathStore, s: number, depth: number, index: number): number {
  const one = p.one[s + index] as number;
  const zero = p.zero[s + index] as number;
  let next = p.weight[s + depth] as number;
  let total = 0;
  const inv = RECIPROCAL[depth + 1] as number;
  if (one !== 0) {
    const scale = (depth + 1) / one;
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = next * scale * (RECIPROCAL[i + 1] as number);
      total += tmp;
      next = (p.weight[s + i] as number) - tmp * zero * (depth - i) * inv;
    }
  } else {
    const scale = (depth + 1) / zero;
    for (let i = depth - 1; i >= 0; i--)
      total += (p.weight[s + i] as number) * scale * (RECIPROCAL[depth - i] as number);
  }
  return total;
}

function recurse(
  m: CompiledModel,
  x: Float64Array,
  phi: Float64Array,
  p: PathStore,
  node: number,
  parentStart: number,
  start: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  // Copy the parent's path (depth entries) into this level's segment, then extend it.
  // Plain loops: copyWithin's call overhead dominates for paths this short.
  for (let i = 0; i < depth; i++) {
    p.feature[start + i] = p.feature[parentStart + i] as number;
    p.zero[start + i] = p.zero[parentStart + i] as number;
    p.one[start + i] = p.one[parentStart + i] as number;
    p.weight[start + i] = p.weight[parentStart + i] as number;
  }
  extend(p, start, depth, zero, one, feature);
  const f = m.feature[node] as number;
  if (f < 0) {
    const value = m.value[node] as number;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(p, start, depth, i);
      const k = p.feature[start + i] as number;
      phi[k] = (phi[k] as number) + w * ((p.one[start + i] as number) - (p.zero[start + i] as number)) * value;
    }
    return;
  }
  const hot = childOf(m, node, x[f] as number);
  const cold = hot === m.left[node] ? (m.right[node] as number) : (m.left[node] as number);
  const cover = m.cover[node] as number;
  let incomingZero = 1;
  let incomingOne = 1;
  let d = depth;
  let index = 0;
  while (index <= d && p.feature[start + index] !== f) index++;
  if (index <= d) {
    incomingZero = p.zero[start + index] as number;
    incomingOne = p.one[start + index] as number;
    unwind(p, start, d, index);
    d--;
  }
  const next = start + d + 1;
  const hotZero = cover > 0 ? (m.cover[hot] as number) / cover : 0;
  const coldZero = cover > 0 ? (m.cover[cold] as number) / cover : 0;
  recurse(m, x, phi, p, hot, start, next, d + 1, hotZero * incomingZero, incomingOne, f);
  recurse(m, x, phi, p, cold, start, next, d + 1, coldZero * incomingZero, 0, f);
}

function treeDepth(m: CompiledModel, node: number): number {
  if ((m.feature[node] as number) < 0) return 0;
  return 1 + Math.max(treeDepth(m, m.left[node] as number), treeDepth(m, m.right[node] as number));
}

/** Expected raw score over the training distribution the covers describe. */
export function expectedValue(m: CompiledModel): number {
  let total = m.baseScore;
  const mean = (node: number): number => {
    if ((m.feature[node] as number) < 0) return m.value[node] as number;
    const l = m.left[node] as number;
    const r = m.right[node] as number;
    const cover = m.cover[node] as number;
    if (cover <= 0) return ((mean(l) as number) + mean(r)) / 2;
    return ((m.cover[l] as number) * mean(l) + (m.cover[r] as number) * mean(r)) / cover;
  };
  for (const root of m.roots) total += mean(root);
  return total;
}

/** Contributions of every feature for every row: row-major, rows × nFeatures. */
export function contributions(m: CompiledModel, columns: readonly Float64Array[]): Float64Array {
  const rows = columns[0]?.length ?? 0;
  const out = new Float64Array(rows * m.nFeatures);
  let maxDepth = 0;
  for (const root of m.roots) maxDepth = Math.max(maxDepth, treeDepth(m, root));
  const paths = new PathStore(maxDepth + 1);
  const x = new Float64Array(m.nFeatures);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < m.nFeatures; f++) x[f] = (columns[f] as Float64Array)[r] as number;
    const phi = out.subarray(r * m.nFeatures, (r + 1) * m.nFeatures);
    for (const root of m.roots) recurse(m, x, phi, paths, root, 0, 0, 0, 1, 1, -1);
  }
  return out;
}

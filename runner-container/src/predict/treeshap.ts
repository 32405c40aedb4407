/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per-row contributions of each feature
 * to the raw score, with node covers as the background distribution. For every row,
 * expectedValue + Σ contributions = raw score. Large batches use per-leaf tables of the same
 * quantities (see ShapMethod): 3.4–3.7 against 12.8–15.6 µs per depth-6 tree per row on 3,000
 * rows of a 200-tree, 50-feature model (`npx tsx runner-container/bench/shap-micro.ts model.json
 * data.csv 3000`), equal to 1e-12.
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

/**
 * How contributions are computed. `recursive`: Algorithm 2 for each row and tree (about 9 µs per
 * depth-6 tree per row). `tabulated` (the idea of Fast TreeSHAP v2, Yang 2021): a leaf's
 * contributions depend on the row only through which of the leaf's path features the row agrees
 * with, so for every leaf and each of those 2^k patterns they are computed once per tree; a row then
 * costs one walk of its split directions and k additions per leaf. `auto` tabulates a tree when
 * there are enough rows to repay its tables (2^depth rows) and they stay small, else recurses.
 */
export type ShapMethod = 'auto' | 'recursive' | 'tabulated';

/** Table entries (2^k · k per leaf) allowed for one tree: 8 MB of Float64. */
const MAX_TABLE = 1 << 20;

/** One tree's per-leaf contribution tables (see ShapMethod). */
interface LeafTables {
  /** Per leaf: its first path check, its first unique feature, its first table entry. */
  readonly checkStart: Int32Array;
  readonly featureStart: Int32Array;
  readonly tableStart: Int32Array;
  /** Path checks, flat: node (index within the tree), the side the path takes (1 = left), and
   * the bit of the leaf's unique feature the node belongs to. */
  readonly checkNode: Int32Array;
  readonly checkLeft: Uint8Array;
  readonly checkBit: Int32Array;
  /** Unique path features of each leaf, flat, in path order. */
  readonly features: Int32Array;
  /** For leaf ℓ with k features and agreement pattern S: entries tableStart[ℓ] + S·k + i. */
  readonly table: Float64Array;
  /** Internal nodes of the tree (ids within the tree), whose directions a row needs. */
  readonly internal: Int32Array;
}

interface PathElement {
  feature: number;
  zero: number;
  nodes: Array<{ node: number; left: boolean }>;
}

/** The tables of the tree at `root` (node ids root … root + size − 1), or null past MAX_TABLE. */
function leafTables(m: CompiledModel, root: number, size: number): LeafTables | null {
  const leaves: Array<{ value: number; path: PathElement[] }> = [];
  const walk = (node: number, path: PathElement[]) => {
    const f = m.feature[node] as number;
    if (f < 0) {
      leaves.push({ value: m.value[node] as number, path });
      return;
    }
    const cover = m.cover[node] as number;
    for (const left of [true, false]) {
      const child = (left ? m.left[node] : m.right[node]) as number;
      const ratio = cover > 0 ? (m.cover[child] as number) / cover : 0;
      // As Algorithm 2 does: a feature seen before leaves its place and comes back last, merged.
      const before = path.find((e) => e.feature === f);
      const merged: PathElement = {
        feature: f,
        zero: (before?.zero ?? 1) * ratio,
        nodes: [...(before?.nodes ?? []), { node: node - root, left }],
      };
      walk(child, [...path.filter((e) => e !== before), merged]);
    }
  };
  walk(root, []);
  let entries = 0;
  let checks = 0;
  let featureCount = 0;
  for (const { path } of leaves) {
    entries += 2 ** path.length * path.length;
    checks += path.reduce((sum, e) => sum + e.nodes.length, 0);
    featureCount += path.length;
  }
  if (entries > MAX_TABLE) return null;
  const t = {
    checkStart: new Int32Array(leaves.length + 1),
    featureStart: new Int32Array(leaves.length + 1),
    tableStart: new Int32Array(leaves.length + 1),
    checkNode: new Int32Array(checks),
    checkLeft: new Uint8Array(checks),
    checkBit: new Int32Array(checks),
    features: new Int32Array(featureCount),
    table: new Float64Array(entries),
    internal: Int32Array.from({ length: size }, (_, n) => n).filter((n) => (m.feature[root + n] as number) >= 0),
  };
  const p = new PathStore(MAX_PATH);
  let check = 0;
  let feature = 0;
  let entry = 0;
  leaves.forEach(({ value, path }, leaf) => {
    t.checkStart[leaf] = check;
    t.featureStart[leaf] = feature;
    t.tableStart[leaf] = entry;
    const k = path.length;
    path.forEach((e, bit) => {
      t.features[feature++] = e.feature;
      for (const { node, left } of e.nodes) {
        t.checkNode[check] = node;
        t.checkLeft[check] = left ? 1 : 0;
        t.checkBit[check++] = bit;
      }
    });
    for (let pattern = 0; pattern < 2 ** k; pattern++) {
      // The path as Algorithm 2 holds it at this leaf: the root's placeholder, then each feature
      // with its cover fraction and whether the row agrees with all of its splits.
      extend(p, 0, 0, 1, 1, -1);
      path.forEach((e, bit) => {
        extend(p, 0, bit + 1, e.zero, (pattern >> bit) & 1, e.feature);
      });
      path.forEach((e, bit) => {
        const one = (pattern >> bit) & 1;
        // A split no row reaches (cover 0) that the row does not agree with adds nothing.
        const weight = one === e.zero ? 0 : unwoundSum(p, 0, k, bit + 1);
        t.table[entry++] = weight * (one - e.zero) * value;
      });
    }
  });
  t.checkStart[leaves.length] = check;
  t.featureStart[leaves.length] = feature;
  t.tableStart[leaves.length] = entry;
  return t;
}

/** Longest path (unique features + the placeholder) a table is built for: 2^k entries per leaf. */
const MAX_PATH = 20;

/**
 * Adds one tree's contributions to every row's (`x`: the rows' values, row-major). Whether a row
 * agrees with a split is as unpredictable as the data, so the agreement pattern is built without a
 * branch.
 */
function addTabulated(
  m: CompiledModel,
  root: number,
  t: LeafTables,
  x: Float64Array,
  rows: number,
  out: Float64Array,
  goesLeft: Int32Array,
): void {
  const nFeatures = m.nFeatures;
  const { feature, threshold, missingLeft, categoryOffset, categoryLeft } = m;
  const { internal, checkStart, featureStart, tableStart, checkNode, checkLeft, checkBit, features, table } = t;
  const leaves = checkStart.length - 1;
  for (let r = 0; r < rows; r++) {
    const values = r * nFeatures;
    for (let i = 0; i < internal.length; i++) {
      const n = internal[i] as number;
      const node = root + n;
      const v = x[values + (feature[node] as number)] as number;
      let goLeft: number;
      if (Number.isNaN(v)) goLeft = missingLeft[node] as number;
      else {
        const offset = categoryOffset[node] as number;
        goLeft = offset < 0 ? +(v <= (threshold[node] as number)) : (categoryLeft[offset + v] as number);
      }
      goesLeft[n] = goLeft;
    }
    const row = r * nFeatures;
    let check = 0;
    let at = 0;
    for (let leaf = 0; leaf < leaves; leaf++) {
      const k = (featureStart[leaf + 1] as number) - at;
      let pattern = (1 << k) - 1;
      for (const stop = checkStart[leaf + 1] as number; check < stop; check++) {
        const disagrees = (goesLeft[checkNode[check] as number] as number) ^ (checkLeft[check] as number);
        pattern &= ~(disagrees << (checkBit[check] as number));
      }
      const base = (tableStart[leaf] as number) + pattern * k;
      for (let i = 0; i < k; i++) {
        const f = row + (features[at + i] as number);
        out[f] = (out[f] as number) + (table[base + i] as number);
      }
      at += k;
    }
  }
}

/** Contributions of every feature for every row: row-major, rows × nFeatures. */
export function contributions(
  m: CompiledModel,
  columns: readonly Float64Array[],
  method: ShapMethod = 'auto',
): Float64Array {
  const rows = columns[0]?.length ?? 0;
  const nFeatures = m.nFeatures;
  const out = new Float64Array(rows * nFeatures);
  // The inputs row-major (a row's values together), the same size as the output.
  const x = new Float64Array(rows * nFeatures);
  columns.forEach((column, f) => {
    for (let r = 0; r < rows; r++) x[r * nFeatures + f] = column[r] as number;
  });
  // Tree by tree, so that only one tree's tables exist at a time.
  m.roots.forEach((root, tree) => {
    const end = tree + 1 < m.roots.length ? (m.roots[tree + 1] as number) : m.feature.length;
    const depth = treeDepth(m, root);
    // A leaf's path has at most `depth` unique features: 2^depth rows repay any of its tables.
    const tabulate = method === 'tabulated' || (method === 'auto' && rows >= 2 ** depth);
    const tables = tabulate && depth < MAX_PATH ? leafTables(m, root, end - root) : null;
    if (tables !== null) {
      addTabulated(m, root, tables, x, rows, out, new Int32Array(end - root));
      return;
    }
    const paths = new PathStore(depth + 1);
    for (let r = 0; r < rows; r++) {
      const values = x.subarray(r * nFeatures, (r + 1) * nFeatures);
      recurse(m, values, out.subarray(r * nFeatures, (r + 1) * nFeatures), paths, root, 0, 0, 0, 1, 1, -1);
    }
  });
  return out;
}

/**
 * Grows one tree on binned data. Nodes wait in a queue with their best split already found:
 * depth-wise growth takes them in level order, leaf-wise growth takes the largest gain first.
 * Splitting a node partitions its rows in place (each node's rows stay contiguous and ascending),
 * builds the smaller child's histogram and derives the larger one's by subtraction; depth-wise
 * growth splits a level at a time and builds the level's smaller children together.
 */
import type { FeatureBins } from './binning.ts';
import { subtractHistogram } from './histogram.ts';
import type { NodeKernels } from './node-kernels.ts';
import { findBestSplit, leafWeight, type Split, type SplitParams } from './split.ts';

export interface GrowParams extends SplitParams {
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly leafwise: boolean;
  readonly learningRate: number;
}

/** A tree over bins; `booster.ts` turns it into the artifact's raw-value form. */
export interface BinnedTree {
  readonly splitFeature: number[];
  readonly thresholdBin: number[];
  readonly leftBins: Array<Uint8Array | null>;
  readonly missingLeft: boolean[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
  readonly cover: number[];
  readonly gain: number[];
}

export interface GrowContext {
  readonly nFeatures: number;
  readonly featureBins: readonly FeatureBins[];
  readonly monotone: Int8Array;
  readonly stride: number;
  /** Histograms and partitions of rows, on one thread or several. */
  readonly kernels: NodeKernels;
}

interface Pending {
  readonly id: number;
  readonly begin: number;
  readonly end: number;
  readonly depth: number;
  readonly g: number;
  readonly h: number;
  readonly lower: number;
  readonly upper: number;
  hist: Float64Array | null;
  split: Split | null;
}

/** Reuses histogram arrays (of nFeatures · stride · channels slots) between nodes and trees. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(readonly size: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  give(hist: Float64Array | null): void {
    if (hist !== null) this.free.push(hist);
  }
}

/** Leaves of the grown tree as segments of the (partitioned) row array, with their values. */
export interface Leaf {
  readonly begin: number;
  readonly end: number;
  readonly value: number;
}

export function growTree(
  ctx: GrowContext,
  p: GrowParams,
  rows: Int32Array,
  rowCount: number,
  grad: Float64Array,
  hess: Float64Array,
  allowed: Int32Array,
  pool: HistogramPool,
): { tree: BinnedTree; leaves: Leaf[] } {
  const tree: BinnedTree = {
    splitFeature: [],
    thresholdBin: [],
    leftBins: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
    gain: [],
  };
  const leaves: Leaf[] = [];
  const addNode = (g: number, h: number, lower: number, upper: number): number => {
    tree.splitFeature.push(-1);
    tree.thresholdBin.push(0);
    tree.leftBins.push(null);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(leafWeight(g, h, p.lambda, lower, upper) * p.learningRate);
    tree.cover.push(h);
    tree.gain.push(0);
    return tree.value.length - 1;
  };
  const splittable = (n: Pending) =>
    n.depth < p.maxDepth && n.end - n.begin >= 2 * p.minDataInLeaf && n.h >= 2 * p.minHessianInLeaf;
  const findSplit = (n: Pending) => {
    const stats = { g: n.g, h: n.h, count: n.end - n.begin, lower: n.lower, upper: n.upper };
    const { channels } = ctx.kernels;
    n.split = findBestSplit(
      n.hist as Float64Array,
      0,
      ctx.stride,
      channels,
      ctx.featureBins,
      allowed,
      ctx.monotone,
      stats,
      p,
    );
  };

  let g = 0;
  let h = 0;
  for (let i = 0; i < rowCount; i++) {
    g += grad[rows[i] as number] as number;
    h += hess[rows[i] as number] as number;
  }
  const root: Pending = {
    id: addNode(g, h, -Infinity, Infinity),
    begin: 0,
    end: rowCount,
    depth: 0,
    g,
    h,
    lower: -Infinity,
    upper: Infinity,
    hist: null,
    split: null,
  };
  if (splittable(root)) {
    root.hist = pool.take();
    ctx.kernels.histogram(rows, 0, rowCount, root.hist);
    findSplit(root);
  }
  const queue: Pending[] = [root];
  let leafCount = 1;
  const finish = (n: Pending) => {
    pool.give(n.hist);
    n.hist = null;
    leaves.push({ begin: n.begin, end: n.end, value: tree.value[n.id] as number });
  };

  // Depth-wise growth splits a whole level at a time, so that the level's histograms can be built
  // together (NodeKernels.histograms); leaf-wise growth splits the node of largest gain.
  while (queue.length > 0) {
    let batch: Pending[];
    if (p.leafwise) {
      let pick = 0;
      for (let i = 1; i < queue.length; i++) {
        if ((queue[i]?.split?.gain ?? 0) > (queue[pick]?.split?.gain ?? 0)) pick = i;
      }
      batch = queue.splice(pick, 1);
    } else batch = queue.splice(0);
    const builds: Array<{ small: Pending; large: Pending; parent: Float64Array }> = [];
    const created: Pending[] = [];
    for (const node of batch) {
      const split = node.split;
      if (split === null || (p.maxLeaves > 0 && leafCount >= p.maxLeaves)) {
        finish(node);
        continue;
      }
      const f = split.feature;
      const goLeft = leftLookup(split, (ctx.featureBins[f] as FeatureBins).nBins);
      const mid = ctx.kernels.partition(rows, node.begin, node.end, f, goLeft);
      const children = splitNode(tree, node, split, ctx.monotone[split.feature] as number, addNode);
      leafCount++;
      const [leftNode, rightNode] = children.map(
        (c, side): Pending => ({
          id: c.id,
          begin: side === 0 ? node.begin : mid,
          end: side === 0 ? mid : node.end,
          depth: node.depth + 1,
          g: c.g,
          h: c.h,
          lower: c.lower,
          upper: c.upper,
          hist: null,
          split: null,
        }),
      ) as [Pending, Pending];
      const leftSmaller = mid - node.begin <= node.end - mid;
      const [small, large] = leftSmaller ? [leftNode, rightNode] : [rightNode, leftNode];
      const parent = node.hist as Float64Array;
      node.hist = null;
      if (splittable(small) || splittable(large)) {
        small.hist = pool.take();
        builds.push({ small, large, parent });
      } else pool.give(parent);
      created.push(leftNode, rightNode);
    }
    ctx.kernels.histograms(
      rows,
      builds.map((b) => b.small),
      builds.map((b) => b.small.hist as Float64Array),
    );
    for (const { small, large, parent } of builds) {
      if (splittable(large)) {
        subtractHistogram(parent, small.hist as Float64Array);
        large.hist = parent;
      } else pool.give(parent);
    }
    for (const child of created) {
      if (child.hist !== null && splittable(child)) findSplit(child);
      if (child.split === null) finish(child);
      else queue.push(child);
    }
  }
  return { tree, leaves };
}

/** Records the split on the node and adds its two children, with bounds narrowed for monotone features. */
function splitNode(
  tree: BinnedTree,
  node: Pending,
  split: Split,
  monotone: number,
  addNode: (g: number, h: number, lower: number, upper: number) => number,
) {
  const f = split.feature;
  tree.splitFeature[node.id] = f;
  tree.thresholdBin[node.id] = split.thresholdBin;
  tree.leftBins[node.id] = split.leftBins;
  tree.missingLeft[node.id] = split.missingLeft;
  tree.gain[node.id] = split.gain;
  let [leftLower, leftUpper, rightLower, rightUpper] = [node.lower, node.upper, node.lower, node.upper];
  if (split.leftBins === null && monotone !== 0) {
    // Every leaf below stays on its side of the midpoint, so the order of the two sides holds.
    const mid = (split.leftWeight + split.rightWeight) / 2;
    if (monotone > 0) [leftUpper, rightLower] = [mid, mid];
    else [leftLower, rightUpper] = [mid, mid];
  }
  const lg = split.left.g;
  const lh = split.left.h;
  const left = { id: addNode(lg, lh, leftLower, leftUpper), g: lg, h: lh, lower: leftLower, upper: leftUpper };
  const rg = node.g - lg;
  const rh = node.h - lh;
  const right = { id: addNode(rg, rh, rightLower, rightUpper), g: rg, h: rh, lower: rightLower, upper: rightUpper };
  tree.left[node.id] = left.id;
  tree.right[node.id] = right.id;
  return [left, right] as const;
}

/** For bins 0..nBins (the last is the missing bin): 1 when the split sends that bin left. */
export function leftLookup(split: Pick<Split, 'thresholdBin' | 'leftBins' | 'missingLeft'>, nBins: number): Uint8Array {
  const goLeft = new Uint8Array(nBins + 1);
  for (let b = 0; b < nBins; b++) {
    goLeft[b] = split.leftBins === null ? (b <= split.thresholdBin ? 1 : 0) : (split.leftBins[b] ?? 0);
  }
  goLeft[nBins] = split.missingLeft ? 1 : 0;
  return goLeft;
}

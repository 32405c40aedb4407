/**
 * The fast scoring layout for models of bounded depth: inputs quantized against the model's own
 * splits into narrow codes, trees padded to perfect binary trees.
 *
 * Numeric inputs. For a feature with sorted unique thresholds T, a value v becomes the code
 * 1 + #{t ∈ T : t < v} (0 for NaN), and `v ≤ T[j]` ⇔ `code ≤ j + 1` for every non-missing v. A
 * split is then one integer comparison on a narrow code that sits in a small row-major buffer
 * (one block of rows, in L1) instead of a Float64 comparison plus a NaN test. Each feature is
 * written twice per row, once with NaN as 0 (the lowest code, so it goes left at every split) and
 * once with NaN as MAX (it goes right): a node reads the copy matching its missing direction, so
 * missing values need no branch and no per-node field of their own.
 *
 * Categorical inputs. Each distinct categorical split (feature, categories that go left, missing
 * direction) is a code column of its own: NEAR (1) when the row goes to the node's near child, FAR
 * (2) when not, NaN and values that are no category index taking the missing direction. Its nodes
 * read it like any other, with largest near code 1. A split and its mirror image (the other
 * categories, the other missing direction) share a column: the split is oriented so that category
 * 0 goes near, and a node whose right child is near lays that child out at 2n + 1. Per feature, a
 * table holds every column's code for each category; encoding a row copies the table row its value
 * selects, so the extra work is one copied code per column (hmeq: 588 categorical nodes, 93 distinct
 * splits, 64 columns). A model with very many distinct splits per step of its walks keeps the
 * general walk (MAX_CATEGORICAL_COLUMNS_PER_STEP).
 *
 * Perfect trees. Each tree is padded to the complete binary tree of its own depth D (a leaf above
 * depth D becomes always-left nodes down to depth D, its value at its leftmost descendant), so
 * children are implicit (2n + 1 and 2n + 2), every walk takes exactly D steps, and a node is one
 * Int32: the code column it reads and the largest code that goes to 2n + 1. Padding grows as 2^D,
 * hence the depth limit; deeper models take the general walks in predictor.ts.
 *
 * hmeq (REASON and JOB categorical, 200 trees of depth 6; predictor.ts has the commands): 85k →
 * 485k rows/s per thread against the general walk, bit-identical.
 */

/** The flat node arrays the layout is built from (a subset of CompiledModel, plus category counts and depths). */
export interface FlatTrees {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly value: Float64Array;
  readonly categoryOffset: Int32Array;
  readonly categoryLeft: Uint8Array;
  /** Categories of each model feature (0 for a numeric one): how many flags its categorical nodes hold. */
  readonly categoryCount: Int32Array;
  /** Steps from the root to the deepest leaf, per tree. */
  readonly depth: Int32Array;
}

export interface QuantizedTrees {
  /** Codes per row: two per numeric feature (columns 2g, 2g + 1), then one per distinct categorical split. */
  readonly width: number;
  /** Model feature (input column) of each numeric feature the trees compare with a threshold. */
  readonly inputs: Int32Array;
  /** Per numeric feature, where its search table starts in `thresholds` and its size (a power of two). */
  readonly tableStart: Int32Array;
  readonly tableSize: Int32Array;
  /** Sorted unique thresholds of each numeric feature, padded with +∞ to its table size. */
  readonly thresholds: Float64Array;
  /** Model feature of each categorical feature the trees split on, and its number of categories K. */
  readonly categorical: Int32Array;
  readonly categoryCount: Int32Array;
  /** Per categorical feature, its first code column and how many it has (one per distinct split). */
  readonly splitColumn: Int32Array;
  readonly splitCount: Int32Array;
  /**
   * Per categorical feature, K + 1 rows of splitCount codes from splitStart: row 1 + k holds every
   * split's code for category k, row 0 for NaN (and anything that is not a category index).
   */
  readonly splitCodes: Uint16Array;
  readonly splitStart: Int32Array;
  /** Internal node n of tree t at nodeStart[t] + n: code column << 16 | largest code that goes to 2n + 1. */
  readonly nodes: Int32Array;
  readonly nodeStart: Int32Array;
  /** After D steps from the root a walk is at node n ≥ 2^D − 1; its leaf value is leaves[leafBase[t] + n]. */
  readonly leaves: Float64Array;
  readonly leafBase: Int32Array;
  readonly depth: Int32Array;
}

/** Padding costs 2^D nodes a tree: a model with a deeper tree keeps the general walks. */
export const MAX_PERFECT_DEPTH = 12;
/** At most 48 MiB of nodes and leaves (1,000 trees of depth 12); 10,000 such trees would take 480. */
const MAX_PADDED_NODES = 1 << 22;
/** The highest code; NaN's code in the missing-right copy of a numeric feature. */
const MAX = 0xffff;
/** A node every code passes: padding below a leaf that sits above its tree's depth. */
const ALWAYS_LEFT = MAX;
/** A categorical split's codes: the row goes to the near child (2n + 1) or the far one (2n + 2). */
const NEAR = 1;
const FAR = 2;
/**
 * Each categorical column costs every row one copied code, a step of the general walk several times
 * a step here: models with more columns than this per step of a row's walks (the sum of tree
 * depths) keep the general walk. Measured on trees whose every node is a distinct split of a
 * 200-category feature, 20k rows, against the general walk: 10 columns a step, 6.1× faster; 57,
 * 1.7–3.1×; 102, 1.4–1.9×; 186, 1.0–1.2×; 341, 0.6–0.7×.
 */
export const MAX_CATEGORICAL_COLUMNS_PER_STEP = 128;
/** Rows encoded and walked together: their codes (2 bytes a column) mostly stay in L1… */
const BLOCK = 256;
/**
 * …and fewer when rows are wide (over 512 columns) so that a block's codes stay in L2: with 10,230
 * columns (10 trees of depth 10), 1.2M rows/s against 0.6M in blocks of 256 rows.
 */
const BLOCK_CODES = 1 << 17;
/** A feature with more categorical columns than this copies a row's codes natively (hmeq: ~2% faster). */
const NATIVE_COPY = 32;

/** How many of the sorted thresholds lie below v (v not NaN). */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The numeric features the trees compare with thresholds, and their search tables. */
function numericTables(m: FlatTrees) {
  const byFeature = new Map<number, Set<number>>();
  m.feature.forEach((f, i) => {
    if (f < 0 || (m.categoryOffset[i] as number) >= 0) return;
    const set = byFeature.get(f) ?? new Set<number>();
    // A NaN threshold sends every value right: it takes no place among the thresholds.
    if (!Number.isNaN(m.threshold[i])) set.add(m.threshold[i] as number);
    byFeature.set(f, set);
  });
  const inputs = Int32Array.from([...byFeature.keys()].sort((a, b) => a - b));
  const sorted = Array.from(inputs, (f) => Float64Array.from(byFeature.get(f) as Set<number>).sort());
  // A table of size ≥ length + 2 leaves the top slot +∞, above every code of a non-missing value.
  const tableSize = Int32Array.from(sorted, (t) => 2 ** Math.ceil(Math.log2(t.length + 2)));
  const tableStart = new Int32Array(inputs.length);
  for (let g = 1; g < inputs.length; g++) tableStart[g] = (tableStart[g - 1] as number) + (tableSize[g - 1] as number);
  const thresholds = new Float64Array(tableSize.reduce((sum, size) => sum + size, 0)).fill(Number.POSITIVE_INFINITY);
  sorted.forEach((t, g) => {
    thresholds.set(t, tableStart[g]);
  });
  return { inputs, sorted, tableStart, tableSize, thresholds };
}

/**
 * The distinct categorical splits, each one code column, grouped by feature from column `first`.
 * A split and its mirror image (the other categories and the other missing direction) send every
 * row to opposite children, so they share a column: a split is oriented so that category 0 takes
 * the near child, and `flipped` marks the nodes whose near child is their right one. A split's key
 * is its oriented missing flag, then its oriented flag per category (1 = near).
 */
function categoricalSplits(m: FlatTrees, first: number) {
  const byFeature = new Map<number, Map<string, number>>();
  const split = new Int32Array(m.feature.length);
  const flipped = new Uint8Array(m.feature.length);
  m.feature.forEach((f, i) => {
    const offset = m.categoryOffset[i] as number;
    if (f < 0 || offset < 0) return;
    const flags = m.categoryLeft.subarray(offset, offset + (m.categoryCount[f] as number));
    const flip = flags[0] === 0 ? 1 : 0;
    const key = `${(m.missingLeft[i] as number) ^ flip}${flags.map((left) => left ^ flip).join('')}`;
    const splits = byFeature.get(f) ?? new Map<string, number>();
    if (!splits.has(key)) splits.set(key, splits.size);
    byFeature.set(f, splits);
    split[i] = splits.get(key) as number;
    flipped[i] = flip;
  });
  const categorical = Int32Array.from([...byFeature.keys()].sort((a, b) => a - b));
  const categoryCount = Int32Array.from(categorical, (f) => m.categoryCount[f] as number);
  const keys = Array.from(categorical, (f) => [...(byFeature.get(f) as Map<string, number>).keys()]);
  const splitCount = Int32Array.from(keys, (k) => k.length);
  const splitColumn = new Int32Array(categorical.length);
  const splitStart = new Int32Array(categorical.length);
  let column = first;
  let start = 0;
  categorical.forEach((_, h) => {
    splitColumn[h] = column;
    splitStart[h] = start;
    column += splitCount[h] as number;
    start += ((categoryCount[h] as number) + 1) * (splitCount[h] as number);
  });
  const splitCodes = new Uint16Array(start);
  keys.forEach((k, h) => {
    // Row 0 is NaN, row 1 + k category k: exactly the key's characters.
    for (let row = 0; row <= (categoryCount[h] as number); row++) {
      k.forEach((key, j) => {
        splitCodes[(splitStart[h] as number) + row * k.length + j] = key[row] === '1' ? NEAR : FAR;
      });
    }
  });
  const firstColumn = new Map(Array.from(categorical, (f, h) => [f, splitColumn[h] as number]));
  /** The code column of categorical node i. */
  const columnOf = (i: number) => (firstColumn.get(m.feature[i] as number) as number) + (split[i] as number);
  return {
    width: column,
    categorical,
    categoryCount,
    splitColumn,
    splitCount,
    splitCodes,
    splitStart,
    columnOf,
    flipped,
  };
}

/**
 * The layout, or null when the model has a tree deeper than MAX_PERFECT_DEPTH, more padded nodes
 * than MAX_PADDED_NODES, a feature with more thresholds than codes can tell apart, more code
 * columns than 16 bits can number or more categorical columns than MAX_CATEGORICAL_COLUMNS_PER_STEP
 * allows.
 */
export function quantizeTrees(m: FlatTrees): QuantizedTrees | null {
  if (m.depth.some((d) => d > MAX_PERFECT_DEPTH)) return null;
  if (m.depth.reduce((sum, d) => sum + 2 ** d, 0) > MAX_PADDED_NODES) return null;
  const { sorted, ...numeric } = numericTables(m);
  // Codes up to T.length + 1 must stay below MAX.
  if (sorted.some((t) => t.length + 1 >= MAX)) return null;
  const { columnOf, flipped, ...categories } = categoricalSplits(m, 2 * numeric.inputs.length);
  const splitColumns = categories.width - 2 * numeric.inputs.length;
  const steps = m.depth.reduce((sum, d) => sum + d, 0);
  if (categories.width > 1 << 16 || splitColumns > MAX_CATEGORICAL_COLUMNS_PER_STEP * steps) return null;
  const encoded = new Map(Array.from(numeric.inputs, (f, g) => [f, g]));

  const trees = m.roots.length;
  const nodeStart = new Int32Array(trees);
  const leafBase = new Int32Array(trees);
  let nodeCount = 0;
  let leafCount = 0;
  for (let t = 0; t < trees; t++) {
    const internal = 2 ** (m.depth[t] as number) - 1;
    nodeStart[t] = nodeCount;
    leafBase[t] = leafCount - internal;
    nodeCount += internal;
    leafCount += internal + 1;
  }
  const nodes = new Int32Array(nodeCount).fill(ALWAYS_LEFT);
  const leaves = new Float64Array(leafCount);
  m.roots.forEach((root, t) => {
    const depth = m.depth[t] as number;
    const stack = [root, 0, 0];
    while (stack.length > 0) {
      const level = stack.pop() as number;
      let n = stack.pop() as number;
      const i = stack.pop() as number;
      const f = m.feature[i] as number;
      if (f < 0) {
        for (let d = level; d < depth; d++) n = 2 * n + 1;
        leaves[(leafBase[t] as number) + n] = m.value[i] as number;
        continue;
      }
      let near = m.left[i] as number;
      let far = m.right[i] as number;
      if ((m.categoryOffset[i] as number) >= 0) {
        nodes[(nodeStart[t] as number) + n] = (columnOf(i) << 16) | NEAR;
        if (flipped[i] === 1) [near, far] = [far, near];
      } else {
        const threshold = m.threshold[i] as number;
        const g = encoded.get(f) as number;
        const span = Number.isNaN(threshold) ? 0 : countBelow(sorted[g] as Float64Array, threshold) + 1;
        const column = 2 * g + (m.missingLeft[i] === 1 ? 0 : 1);
        nodes[(nodeStart[t] as number) + n] = (column << 16) | span;
      }
      stack.push(near, 2 * n + 1, level + 1, far, 2 * n + 2, level + 1);
    }
  });
  return { ...numeric, ...categories, nodes, nodeStart, leaves, leafBase, depth: m.depth };
}

/** Both copies of a code: NaN (code 0) becomes MAX in the second. */
function store(codes: Uint16Array, at: number, code: number): void {
  codes[at] = code;
  codes[at + 1] = code + (((code - 1) >> 31) & MAX);
}

/**
 * Codes of rows start… start + count − 1 into `codes`, row-major. The search over a feature's table
 * is branch-free, so data never causes a mispredicted branch: each halving step adds its width when
 * the probe is below v (`-Number(bool)` is 0 or all ones). `!(t >= v)` rather than `t < v` sends
 * NaN to the top slot, which the final mask turns into code 0. Eight rows go in lockstep so that
 * their chains of dependent loads overlap (~3× faster than one row at a time).
 */
function encodeBlock(
  q: QuantizedTrees,
  columns: readonly Float64Array[],
  start: number,
  count: number,
  codes: Uint16Array,
): void {
  const { thresholds: t, width } = q;
  for (let g = 0; g < q.inputs.length; g++) {
    const x = columns[q.inputs[g] as number] as Float64Array;
    const from = q.tableStart[g] as number;
    const size = q.tableSize[g] as number;
    // A search ends at from + (count of thresholds below v), or at the top slot for NaN: adding
    // 1 − from and masking with size − 1 turns that into the code, NaN wrapping round to 0.
    const top = size - 1;
    const shift = 1 - from;
    let r = 0;
    for (; r + 8 <= count; r += 8) {
      const i = start + r;
      const v0 = x[i] as number;
      const v1 = x[i + 1] as number;
      const v2 = x[i + 2] as number;
      const v3 = x[i + 3] as number;
      const v4 = x[i + 4] as number;
      const v5 = x[i + 5] as number;
      const v6 = x[i + 6] as number;
      const v7 = x[i + 7] as number;
      let a0 = from;
      let a1 = from;
      let a2 = from;
      let a3 = from;
      let a4 = from;
      let a5 = from;
      let a6 = from;
      let a7 = from;
      for (let s = size >>> 1; s > 0; s >>>= 1) {
        a0 += s & -Number(!((t[a0 + s - 1] as number) >= v0));
        a1 += s & -Number(!((t[a1 + s - 1] as number) >= v1));
        a2 += s & -Number(!((t[a2 + s - 1] as number) >= v2));
        a3 += s & -Number(!((t[a3 + s - 1] as number) >= v3));
        a4 += s & -Number(!((t[a4 + s - 1] as number) >= v4));
        a5 += s & -Number(!((t[a5 + s - 1] as number) >= v5));
        a6 += s & -Number(!((t[a6 + s - 1] as number) >= v6));
        a7 += s & -Number(!((t[a7 + s - 1] as number) >= v7));
      }
      const at = r * width + 2 * g;
      store(codes, at, (a0 + shift) & top);
      store(codes, at + width, (a1 + shift) & top);
      store(codes, at + 2 * width, (a2 + shift) & top);
      store(codes, at + 3 * width, (a3 + shift) & top);
      store(codes, at + 4 * width, (a4 + shift) & top);
      store(codes, at + 5 * width, (a5 + shift) & top);
      store(codes, at + 6 * width, (a6 + shift) & top);
      store(codes, at + 7 * width, (a7 + shift) & top);
    }
    for (; r < count; r++) {
      const v = x[start + r] as number;
      let a = from;
      for (let s = size >>> 1; s > 0; s >>>= 1) a += s & -Number(!((t[a + s - 1] as number) >= v));
      store(codes, r * width + 2 * g, (a + shift) & top);
    }
  }
  encodeCategories(q, columns, start, count, codes);
}

/**
 * The categorical splits' codes of rows start… start + count − 1: per feature, the row of its code
 * table that the value selects, copied into the row's columns of that feature. Category k (an
 * integer 0 ≤ k < K) selects row 1 + k; NaN, and any other value, row 0 (as an unknown category),
 * without a branch: i = (v + 1) | 0 is 1 + k for category k, and it is kept only when it lies in
 * 1…K (a negative i fails the unsigned bound; NaN gives 0) and v is that integer.
 */
function encodeCategories(
  q: QuantizedTrees,
  columns: readonly Float64Array[],
  start: number,
  count: number,
  codes: Uint16Array,
): void {
  const { splitCodes, width } = q;
  for (let h = 0; h < q.categorical.length; h++) {
    const x = columns[q.categorical[h] as number] as Float64Array;
    const categories = q.categoryCount[h] as number;
    const splits = q.splitCount[h] as number;
    const table = q.splitStart[h] as number;
    let at = q.splitColumn[h] as number;
    for (let r = 0; r < count; r++, at += width) {
      const v = x[start + r] as number;
      const i = (v + 1) | 0;
      const from = table + splits * (i & -(Number(i >>> 0 <= categories) & Number(i - 1 === v)));
      if (splits > NATIVE_COPY) codes.set(splitCodes.subarray(from, from + splits), at);
      else for (let j = 0; j < splits; j++) codes[at + j] = splitCodes[from + j] as number;
    }
  }
}

/**
 * Adds each tree's leaf value to `out` for the encoded rows start… start + count − 1. Eight rows go
 * down a tree in lockstep: their walks are independent chains of loads the CPU overlaps (eight
 * measured ~10% faster than four).
 */
function walkBlock(q: QuantizedTrees, codes: Uint16Array, start: number, count: number, out: Float64Array): void {
  const { nodes, nodeStart, leaves, leafBase, depth, width } = q;
  for (let t = 0; t < depth.length; t++) {
    const base = nodeStart[t] as number;
    const leaf = leafBase[t] as number;
    const steps = depth[t] as number;
    let r = 0;
    for (; r + 8 <= count; r += 8) {
      const r0 = r * width;
      const r1 = r0 + width;
      const r2 = r1 + width;
      const r3 = r2 + width;
      const r4 = r3 + width;
      const r5 = r4 + width;
      const r6 = r5 + width;
      const r7 = r6 + width;
      let n0 = 0;
      let n1 = 0;
      let n2 = 0;
      let n3 = 0;
      let n4 = 0;
      let n5 = 0;
      let n6 = 0;
      let n7 = 0;
      for (let k = 0; k < steps; k++) {
        const w0 = nodes[base + n0] as number;
        const w1 = nodes[base + n1] as number;
        const w2 = nodes[base + n2] as number;
        const w3 = nodes[base + n3] as number;
        const w4 = nodes[base + n4] as number;
        const w5 = nodes[base + n5] as number;
        const w6 = nodes[base + n6] as number;
        const w7 = nodes[base + n7] as number;
        // The sign bit of (largest left code − code) is 1 exactly when the row goes right.
        n0 = 2 * n0 + 1 + (((w0 & MAX) - (codes[r0 + (w0 >>> 16)] as number)) >>> 31);
        n1 = 2 * n1 + 1 + (((w1 & MAX) - (codes[r1 + (w1 >>> 16)] as number)) >>> 31);
        n2 = 2 * n2 + 1 + (((w2 & MAX) - (codes[r2 + (w2 >>> 16)] as number)) >>> 31);
        n3 = 2 * n3 + 1 + (((w3 & MAX) - (codes[r3 + (w3 >>> 16)] as number)) >>> 31);
        n4 = 2 * n4 + 1 + (((w4 & MAX) - (codes[r4 + (w4 >>> 16)] as number)) >>> 31);
        n5 = 2 * n5 + 1 + (((w5 & MAX) - (codes[r5 + (w5 >>> 16)] as number)) >>> 31);
        n6 = 2 * n6 + 1 + (((w6 & MAX) - (codes[r6 + (w6 >>> 16)] as number)) >>> 31);
        n7 = 2 * n7 + 1 + (((w7 & MAX) - (codes[r7 + (w7 >>> 16)] as number)) >>> 31);
      }
      const o = start + r;
      out[o] = (out[o] as number) + (leaves[leaf + n0] as number);
      out[o + 1] = (out[o + 1] as number) + (leaves[leaf + n1] as number);
      out[o + 2] = (out[o + 2] as number) + (leaves[leaf + n2] as number);
      out[o + 3] = (out[o + 3] as number) + (leaves[leaf + n3] as number);
      out[o + 4] = (out[o + 4] as number) + (leaves[leaf + n4] as number);
      out[o + 5] = (out[o + 5] as number) + (leaves[leaf + n5] as number);
      out[o + 6] = (out[o + 6] as number) + (leaves[leaf + n6] as number);
      out[o + 7] = (out[o + 7] as number) + (leaves[leaf + n7] as number);
    }
    for (; r < count; r++) {
      const row = r * width;
      let n = 0;
      for (let k = 0; k < steps; k++) {
        const w = nodes[base + n] as number;
        n = 2 * n + 1 + (((w & MAX) - (codes[row + (w >>> 16)] as number)) >>> 31);
      }
      out[start + r] = (out[start + r] as number) + (leaves[leaf + n] as number);
    }
  }
}

/** Adds the trees' raw scores to `out` (which holds the base score), one block of rows at a time. */
export function walkQuantized(q: QuantizedTrees, columns: readonly Float64Array[], out: Float64Array): void {
  const block = Math.max(8, Math.min(BLOCK, BLOCK_CODES / q.width) & ~7);
  const codes = new Uint16Array(block * q.width);
  for (let start = 0; start < out.length; start += block) {
    const count = Math.min(block, out.length - start);
    encodeBlock(q, columns, start, count, codes);
    walkBlock(q, codes, start, count, out);
  }
}

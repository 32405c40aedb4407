/**
 * Scores rows with a model artifact. The trees are compiled once into flat typed arrays; raw
 * scores are summed tree by tree over blocks of rows (base score, then the trees in order), so
 * every layout below gives the same bits. Imports nothing from the trainer.
 *
 * Models whose trees are at most 12 deep (up to ~1,000 trees that deep) are scored on perfect
 * trees over inputs quantized against the model's own splits (quantized.ts): a split is one
 * integer comparison with no branch, missing values included, and a node is one Int32 with
 * implicit children. A numeric feature is encoded by its thresholds; each distinct categorical
 * split becomes a code column of its own (1 near, 2 far), one copied code per row. The Float64
 * columns are encoded one block of 256 rows at a time, in L1 (fewer rows when rows are wide).
 *
 * Measured with `npx tsx runner-container/bench/predict-micro.ts model.json data.csv 10`, rows/s
 * per thread, encoding included, median of 5 runs on a shared machine (200 depth-6 trees trained
 * with bench:gbm's settings):
 * - numeric only, 50 features (bench/synth.ts data, 100k rows): 114k → 361k; side by side in one
 *   process 2.7–3.0×. Adding categorical splits left it unchanged within noise (419k → 441k).
 * - hmeq (5,960 rows; REASON and JOB categorical): 85k on the general walk → 485k.
 *
 * Deeper numeric-only models (padding grows as 2^depth) use a layout of the same trees in which a
 * leaf leads to itself: every walk of a tree takes exactly that tree's depth in steps, so four rows
 * are walked in lockstep with no exit test and the CPU overlaps their data-dependent branches (about
 * 1.4× faster than one row at a time). Other models with categorical splits (deeper, or with too
 * many distinct categorical splits) take the general walk.
 */
import type { ModelArtifact, ScoreScaling } from '@talaty/schemas';
import { type QuantizedTrees, quantizeTrees, walkQuantized } from './quantized.ts';

export interface CompiledModel {
  readonly baseScore: number;
  readonly objective: ModelArtifact['objective'];
  readonly nFeatures: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
  /** −1 for numeric splits; else the offset in `categoryLeft` of this node's per-category flags. */
  readonly categoryOffset: Int32Array;
  readonly categoryLeft: Uint8Array;
  /** The scoring layout: as above, except that a leaf leads to itself whatever the value. */
  readonly walk: {
    readonly feature: Int32Array;
    readonly threshold: Float64Array;
    readonly left: Int32Array;
    readonly right: Int32Array;
    readonly missingLeft: Uint8Array;
    /** Steps from the root to the deepest leaf, per tree. */
    readonly depth: Int32Array;
  };
  /** The fastest layout (quantized.ts), for models of bounded depth; else null. */
  readonly quantized: QuantizedTrees | null;
}

export function compileModel(artifact: ModelArtifact): CompiledModel {
  const size = artifact.trees.reduce((sum, t) => sum + t.split_feature.length, 0);
  const m = {
    baseScore: artifact.base_score,
    objective: artifact.objective,
    nFeatures: artifact.features.length,
    roots: new Int32Array(artifact.trees.length),
    feature: new Int32Array(size),
    threshold: new Float64Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    missingLeft: new Uint8Array(size),
    value: new Float64Array(size),
    cover: new Float64Array(size),
    categoryOffset: new Int32Array(size).fill(-1),
  };
  const flags: number[] = [];
  let at = 0;
  artifact.trees.forEach((tree, t) => {
    m.roots[t] = at;
    tree.split_feature.forEach((f, node) => {
      const i = at + node;
      m.feature[i] = f;
      m.threshold[i] = tree.threshold[node] as number;
      m.left[i] = f < 0 ? -1 : at + (tree.left[node] as number);
      m.right[i] = f < 0 ? -1 : at + (tree.right[node] as number);
      m.missingLeft[i] = tree.missing_left[node] ? 1 : 0;
      m.value[i] = tree.value[node] as number;
      m.cover[i] = tree.cover[node] as number;
      const feature = artifact.features[f];
      const categoriesLeft = tree.categories_left[node];
      if (feature?.kind === 'categorical' && categoriesLeft) {
        m.categoryOffset[i] = flags.length;
        const left = new Set(categoriesLeft);
        for (const category of feature.categories) flags.push(left.has(category) ? 1 : 0);
      }
    });
    at += tree.split_feature.length;
  });
  const categoryLeft = Uint8Array.from(flags);
  const walk = walkLayout(m);
  const categoryCount = Int32Array.from(artifact.features, (f) => (f.kind === 'categorical' ? f.categories.length : 0));
  const quantized = quantizeTrees({ ...m, categoryLeft, categoryCount, depth: walk.depth });
  return { ...m, categoryLeft, walk, quantized };
}

function walkLayout(m: Omit<CompiledModel, 'walk' | 'categoryLeft' | 'quantized'>): CompiledModel['walk'] {
  const size = m.feature.length;
  const walk = {
    feature: new Int32Array(size),
    threshold: new Float64Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    missingLeft: new Uint8Array(size),
    depth: new Int32Array(m.roots.length),
  };
  for (let i = 0; i < size; i++) {
    const leaf = (m.feature[i] as number) < 0;
    walk.feature[i] = leaf ? 0 : (m.feature[i] as number);
    walk.threshold[i] = leaf ? Number.POSITIVE_INFINITY : (m.threshold[i] as number);
    walk.left[i] = leaf ? i : (m.left[i] as number);
    walk.right[i] = leaf ? i : (m.right[i] as number);
    walk.missingLeft[i] = leaf ? 1 : (m.missingLeft[i] as number);
  }
  m.roots.forEach((root, t) => {
    let deepest = 0;
    const stack = [root, 0];
    while (stack.length > 0) {
      const depth = stack.pop() as number;
      const i = stack.pop() as number;
      if ((m.feature[i] as number) < 0) deepest = Math.max(deepest, depth);
      else stack.push(m.left[i] as number, depth + 1, m.right[i] as number, depth + 1);
    }
    walk.depth[t] = deepest;
  });
  return walk;
}

/** The child a value leads to from internal node i (NaN = missing or unknown category). */
export function childOf(m: CompiledModel, i: number, v: number): number {
  let goLeft: boolean;
  if (Number.isNaN(v)) goLeft = m.missingLeft[i] === 1;
  else {
    const offset = m.categoryOffset[i] as number;
    goLeft = offset < 0 ? v <= (m.threshold[i] as number) : m.categoryLeft[offset + v] === 1;
  }
  return (goLeft ? m.left[i] : m.right[i]) as number;
}

const BLOCK = 256;

/** The encoded columns as one row-major matrix, so a row's values sit together. */
function rowMajor(columns: readonly Float64Array[], rows: number): Float64Array {
  const width = columns.length;
  const matrix = new Float64Array(rows * width);
  columns.forEach((column, f) => {
    for (let r = 0; r < rows; r++) matrix[r * width + f] = column[r] as number;
  });
  return matrix;
}

/** Raw scores (log-odds of bad for binary_logistic) of encoded rows. */
export function predictRaw(m: CompiledModel, columns: readonly Float64Array[]): Float64Array {
  const rows = columns[0]?.length ?? 0;
  const out = new Float64Array(rows).fill(m.baseScore);
  if (m.quantized !== null) walkQuantized(m.quantized, columns, out);
  else if (m.categoryLeft.length === 0) walkNumeric(m, rowMajor(columns, rows), columns.length, out);
  else walkAny(m, columns, out);
  return out;
}

/** Numeric-only models the quantized layout does not take: four rows in lockstep over the self-looping layout. */
function walkNumeric(m: CompiledModel, x: Float64Array, width: number, out: Float64Array): void {
  const { roots, value } = m;
  const { feature, threshold, left, right, missingLeft, depth } = m.walk;
  const rows = out.length;
  for (let start = 0; start < rows; start += BLOCK) {
    const stop = Math.min(rows, start + BLOCK);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t] as number;
      const steps = depth[t] as number;
      let r = start;
      for (; r + 4 <= stop; r += 4) {
        let a = root;
        let b = root;
        let c = root;
        let d = root;
        const ra = r * width;
        for (let k = 0; k < steps; k++) {
          // NaN fails `<=`: a missing value then goes its learned way.
          const va = x[ra + (feature[a] as number)] as number;
          const vb = x[ra + width + (feature[b] as number)] as number;
          const vc = x[ra + 2 * width + (feature[c] as number)] as number;
          const vd = x[ra + 3 * width + (feature[d] as number)] as number;
          a = (
            va <= (threshold[a] as number) || (Number.isNaN(va) && missingLeft[a] === 1) ? left[a] : right[a]
          ) as number;
          b = (
            vb <= (threshold[b] as number) || (Number.isNaN(vb) && missingLeft[b] === 1) ? left[b] : right[b]
          ) as number;
          c = (
            vc <= (threshold[c] as number) || (Number.isNaN(vc) && missingLeft[c] === 1) ? left[c] : right[c]
          ) as number;
          d = (
            vd <= (threshold[d] as number) || (Number.isNaN(vd) && missingLeft[d] === 1) ? left[d] : right[d]
          ) as number;
        }
        out[r] = (out[r] as number) + (value[a] as number);
        out[r + 1] = (out[r + 1] as number) + (value[b] as number);
        out[r + 2] = (out[r + 2] as number) + (value[c] as number);
        out[r + 3] = (out[r + 3] as number) + (value[d] as number);
      }
      for (; r < stop; r++) {
        let a = root;
        for (let k = 0; k < steps; k++) {
          const va = x[r * width + (feature[a] as number)] as number;
          a = (
            va <= (threshold[a] as number) || (Number.isNaN(va) && missingLeft[a] === 1) ? left[a] : right[a]
          ) as number;
        }
        out[r] = (out[r] as number) + (value[a] as number);
      }
    }
  }
}

/** Any model (categorical splits too) the quantized layout does not take: one row at a time down each tree. */
function walkAny(m: CompiledModel, columns: readonly Float64Array[], out: Float64Array): void {
  const rows = out.length;
  const { roots, feature, threshold, left, right, missingLeft, value, categoryOffset, categoryLeft } = m;
  for (let start = 0; start < rows; start += BLOCK) {
    const stop = Math.min(rows, start + BLOCK);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t] as number;
      for (let r = start; r < stop; r++) {
        let i = root;
        let f = feature[i] as number;
        while (f >= 0) {
          const v = (columns[f] as Float64Array)[r] as number;
          let goLeft: boolean;
          if (Number.isNaN(v)) goLeft = missingLeft[i] === 1;
          else {
            const offset = categoryOffset[i] as number;
            goLeft = offset < 0 ? v <= (threshold[i] as number) : categoryLeft[offset + v] === 1;
          }
          i = (goLeft ? left[i] : right[i]) as number;
          f = feature[i] as number;
        }
        out[r] = (out[r] as number) + (value[i] as number);
      }
    }
  }
}

/** p_bad from a raw score. */
export function probability(objective: ModelArtifact['objective'], raw: number): number {
  if (objective === 'squared_error') return Math.min(1, Math.max(0, raw));
  return 1 / (1 + Math.exp(-raw));
}

/** Scorecard points (see ScoreScaling): offset − factor·raw. */
export function points(scaling: ScoreScaling, raw: number): number {
  const factor = scaling.pdo / Math.LN2;
  const offset = scaling.base_score - factor * Math.log(scaling.base_odds);
  return offset - factor * raw;
}

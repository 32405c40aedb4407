/**
 * Scores rows with a model artifact. The trees are compiled once into flat typed arrays; raw
 * scores are summed tree by tree over blocks of rows. Imports nothing from the trainer.
 */
import type { ModelArtifact, ScoreScaling } from '@talaty/schemas';

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
  return { ...m, categoryLeft: Uint8Array.from(flags) };
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

const BLOCK = 2048;

/** Raw scores (log-odds of bad for binary_logistic) of encoded rows. */
export function predictRaw(m: CompiledModel, columns: readonly Float64Array[]): Float64Array {
  const rows = columns[0]?.length ?? 0;
  const out = new Float64Array(rows).fill(m.baseScore);
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
  return out;
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

import { describe, expect, it } from 'vitest';
import { creditData, paramsWith, trainOn } from '../../test/fixtures.ts';
import { type CompiledModel, childOf, compileModel, predictRaw } from './predictor.ts';
import { contributions, expectedValue } from './treeshap.ts';

/** E[f(x) | the features in `known` take x's values], with covers as the distribution (SHAP's Algorithm 1). */
function conditional(m: CompiledModel, root: number, x: Float64Array, known: Set<number>): number {
  const walk = (node: number): number => {
    const f = m.feature[node] as number;
    if (f < 0) return m.value[node] as number;
    if (known.has(f)) return walk(childOf(m, node, x[f] as number));
    const l = m.left[node] as number;
    const r = m.right[node] as number;
    return ((m.cover[l] as number) * walk(l) + (m.cover[r] as number) * walk(r)) / (m.cover[node] as number);
  };
  return walk(root);
}

/** Shapley values by enumerating every coalition: exponential, for a handful of features only. */
function bruteForce(m: CompiledModel, x: Float64Array): number[] {
  const n = m.nFeatures;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Array<number>(n).fill(0);
  for (let mask = 0; mask < 1 << n; mask++) {
    const known = new Set(Array.from({ length: n }, (_, f) => f).filter((f) => mask & (1 << f)));
    const v = (s: Set<number>) => Array.from(m.roots).reduce((sum, root) => sum + conditional(m, root, x, s), 0);
    const base = v(known);
    for (let i = 0; i < n; i++) {
      if (known.has(i)) continue;
      const weight = (factorial(known.size) * factorial(n - known.size - 1)) / factorial(n);
      phi[i] = (phi[i] as number) + weight * (v(new Set([...known, i])) - base);
    }
  }
  return phi;
}

describe('TreeSHAP', async () => {
  const data = creditData(3000, 5);
  const { artifact, sample } = await trainOn(
    data.table,
    paramsWith({ n_trees: 25, max_depth: 5, min_data_in_leaf: 5 }),
  );
  const model = compileModel(artifact);
  const rows = 200;
  const columns = sample.columns.map((c) => c.subarray(0, rows));

  it('adds up to the raw score, row by row, within 1e-9', () => {
    const phi = contributions(model, columns);
    const raw = predictRaw(model, columns);
    const expected = expectedValue(model);
    for (let r = 0; r < rows; r++) {
      let sum = expected;
      for (let f = 0; f < model.nFeatures; f++) sum += phi[r * model.nFeatures + f] as number;
      expect(Math.abs(sum - (raw[r] as number))).toBeLessThan(1e-9);
    }
  });

  it('equals the exact Shapley values found by enumerating every coalition', () => {
    const phi = contributions(
      model,
      columns.map((c) => c.subarray(0, 12)),
    );
    for (let r = 0; r < 12; r++) {
      const x = Float64Array.from(columns, (c) => c[r] as number);
      const exact = bruteForce(model, x);
      exact.forEach((value, f) => {
        expect(phi[r * model.nFeatures + f]).toBeCloseTo(value, 10);
      });
    }
  });

  it('gives features no tree uses a contribution of exactly 0', async () => {
    const stump = await trainOn(data.table, paramsWith({ n_trees: 1, max_depth: 1 }));
    const one = compileModel(stump.artifact);
    const used = stump.artifact.trees[0]?.split_feature[0] as number;
    const phi = contributions(one, columns);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < one.nFeatures; f++) if (f !== used) expect(phi[r * one.nFeatures + f]).toBe(0);
    }
  });

  it.each(['recursive', 'tabulated'] as const)('%s: equals the exact Shapley values', (method) => {
    const few = columns.map((c) => c.subarray(0, 6));
    const phi = contributions(model, few, method);
    for (let r = 0; r < 6; r++) {
      const x = Float64Array.from(few, (c) => c[r] as number);
      bruteForce(model, x).forEach((value, f) => {
        expect(phi[r * model.nFeatures + f]).toBeCloseTo(value, 10);
      });
    }
  });

  it('gives the same contributions tabulated as recursive, categorical splits and missing values included', async () => {
    const deep = await trainOn(
      data.table,
      paramsWith({ n_trees: 30, max_depth: 7, growth: 'leafwise', max_leaves: 40 }),
    );
    const m = compileModel(deep.artifact);
    expect(m.categoryLeft.length).toBeGreaterThan(0);
    const all = deep.sample.columns;
    expect(all.some((c) => c.some(Number.isNaN))).toBe(true);
    const a = contributions(m, all, 'recursive');
    const b = contributions(m, all, 'tabulated');
    const c = contributions(m, all);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    expect(worst).toBeLessThan(1e-12);
    expect(c).toEqual(b);
  });
});

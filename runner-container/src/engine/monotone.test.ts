import type { ArtifactFeature, ModelArtifact } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { creditData, EAGER_HANDOUT, numericFeature, paramsWith, trainOn } from '../../test/fixtures.ts';
import { compileModel, predictRaw } from '../predict/predictor.ts';

const data = creditData(5000, 31);
/** Age has a U-shaped true effect, so forcing it to rise is a real constraint. */
const constrained: ArtifactFeature[] = [
  numericFeature('utilization', 1),
  numericFeature('income', -1),
  numericFeature('age', 1),
  numericFeature('noise'),
];

/** Moves every constrained feature over a dense grid for many rows; counts steps against the direction. */
function violations(artifact: ModelArtifact, rows: number): number {
  const model = compileModel(artifact);
  const ranges: Record<string, [number, number]> = { utilization: [-0.1, 1.3], income: [0, 220], age: [10, 90] };
  const grid = 600;
  let count = 0;
  artifact.features.forEach((feature, f) => {
    if (feature.kind !== 'numeric' || feature.monotone === 0) return;
    const [lo, hi] = ranges[feature.name] as [number, number];
    for (let r = 0; r < rows; r++) {
      const columns = artifact.features.map((other) => {
        const source = data.table.columns.find((c) => c.name === other.source_column);
        if (source?.kind !== 'number') throw new Error(`no numeric column ${other.source_column}`);
        return new Float64Array(grid).fill(source.values[r] as number);
      });
      const sweep = columns[f] as Float64Array;
      for (let i = 0; i < grid; i++) sweep[i] = lo + ((hi - lo) * i) / (grid - 1);
      const raw = predictRaw(model, columns);
      for (let i = 1; i < grid; i++) {
        const step = (raw[i] as number) - (raw[i - 1] as number);
        if (step * feature.monotone < 0) count++;
      }
    }
  });
  return count;
}

describe('monotone constraints', () => {
  it.each([
    ['depth-wise', paramsWith({ n_trees: 60, max_depth: 5, min_data_in_leaf: 5 }), 1],
    [
      'leaf-wise with sampling',
      paramsWith({
        n_trees: 60,
        growth: 'leafwise',
        max_leaves: 20,
        max_depth: 8,
        row_subsample: 0.7,
        col_subsample: 0.75,
        min_data_in_leaf: 5,
      }),
      1,
    ],
    ['two threads', paramsWith({ n_trees: 30, max_depth: 6, min_data_in_leaf: 2 }), 2],
  ])('are never violated on a dense grid (%s)', async (_, params, threads) => {
    const { artifact } = await trainOn(data.table, params, { features: constrained, threads, handout: EAGER_HANDOUT });
    expect(violations(artifact, 150)).toBe(0);
  });

  it('are what makes the difference: the same model without them breaks the order', async () => {
    const free = constrained.map((f) => ({ ...f, monotone: 0 as const }));
    const { artifact } = await trainOn(data.table, paramsWith({ n_trees: 60, max_depth: 5, min_data_in_leaf: 5 }), {
      features: free,
    });
    const asIfConstrained = { ...artifact, features: constrained };
    expect(violations(asIfConstrained, 150)).toBeGreaterThan(0);
  });
});

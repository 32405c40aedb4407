import type { RunSpec } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { flatten, parameterRows, parseIds } from './compare.ts';

const spec = (overrides: Partial<RunSpec>) =>
  ({
    name: 'a',
    model_name: 'm',
    model_params: { n_trees: 60, learning_rate: 0.1 },
    split_policy: { method: 'random', fractions: { train: 0.6, valid: 0.2, test: 0.2 } },
    evaluation_policy: { gates: [{ metric: 'gini', split: 'test', min: 0.1, max: null }] },
    ...overrides,
  }) as unknown as RunSpec;

describe('parameterRows', () => {
  it('lists every parameter path with one value per run and marks differences', () => {
    const rows = parameterRows([
      spec({}),
      spec({ name: 'b', model_params: { n_trees: 60, learning_rate: 0.05 } as RunSpec['model_params'] }),
    ]);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.get('model_params.learning_rate')).toEqual({
      path: 'model_params.learning_rate',
      values: ['0.1', '0.05'],
      differs: true,
    });
    expect(byPath.get('model_params.n_trees')?.differs).toBe(false);
    expect(byPath.get('split_policy.fractions.valid')?.values).toEqual(['0.2', '0.2']);
    expect(byPath.get('evaluation_policy.gates')?.values[0]).toBe(
      '[{"metric":"gini","split":"test","min":0.1,"max":null}]',
    );
    expect(byPath.get('name')?.differs).toBe(true);
  });

  it('shows a dash for a run spec not loaded, which counts as a difference', () => {
    const rows = parameterRows([spec({}), undefined]);
    expect(rows.find((r) => r.path === 'name')).toEqual({ path: 'name', values: ['a', '—'], differs: true });
  });
});

describe('flatten and parseIds', () => {
  it('flattens nested objects but keeps arrays and nulls whole', () => {
    expect([...flatten({ a: { b: 1, c: null }, d: [1, 2] })]).toEqual([
      ['a.b', '1'],
      ['a.c', 'null'],
      ['d', '[1,2]'],
    ]);
  });

  it('reads distinct ids from the query string', () => {
    expect(parseIds(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
    expect(parseIds(null)).toEqual([]);
  });
});

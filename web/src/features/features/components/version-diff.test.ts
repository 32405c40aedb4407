import type { FeatureSetVersion } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { diffVersions } from './version-diff.ts';
import type { FeatureDefinition } from './version-draft.ts';

const feature = (name: string, change: Partial<FeatureDefinition> = {}): FeatureDefinition =>
  ({
    feature_id: null,
    name,
    source_column: name.toUpperCase(),
    kind: 'numeric',
    missing_policy: { strategy: 'learn' },
    special_values: [],
    monotone: 0,
    description: '',
    rationale: '',
    ...change,
  }) as FeatureDefinition;

const version = (n: number, features: FeatureDefinition[], change: Partial<FeatureSetVersion> = {}) =>
  ({
    id: `id-${n}`,
    feature_set_id: 'set',
    version: n,
    status: 'PUBLISHED',
    features,
    target: { column: 'bad', bad_value: 1 },
    id_column: null,
    date_column: null,
    weight_column: null,
    notes: '',
    created_by: 'alice',
    created_at: '2026-11-20T09:00:00.000Z',
    published_by: 'alice',
    published_at: '2026-11-20T09:00:00.000Z',
    ...change,
  }) as FeatureSetVersion;

describe('diffVersions', () => {
  it('tells added, removed, changed and unchanged features apart by name', () => {
    const a = version(1, [feature('age'), feature('income'), feature('debt')]);
    const b = version(2, [
      feature('utilization', { monotone: 1 }),
      feature('age'),
      feature('income', { monotone: 1, rationale: 'More income, less risk.' }),
    ]);
    const diff = diffVersions(a, b);
    expect(diff.added.map((f) => f.name)).toEqual(['utilization']);
    expect(diff.removed.map((f) => f.name)).toEqual(['debt']);
    expect(diff.unchanged).toEqual(['age']);
    expect(diff.changed).toEqual([
      {
        name: 'income',
        fields: [
          { field: 'Monotone', a: 'None', b: 'Increasing' },
          { field: 'Rationale', a: '', b: 'More income, less risk.' },
        ],
      },
    ]);
  });

  it('reports a reordering among the kept features with their positions in each version', () => {
    const diff = diffVersions(version(1, [feature('x'), feature('y')]), version(2, [feature('y'), feature('x')]));
    expect(diff.changed).toEqual([
      { name: 'y', fields: [{ field: 'Position', a: '2', b: '1' }] },
      { name: 'x', fields: [{ field: 'Position', a: '1', b: '2' }] },
    ]);
  });

  it('marks the target and role columns that changed', () => {
    const a = version(1, [feature('x')]);
    const b = version(2, [feature('x')], { target: { column: 'bad', bad_value: 'yes' }, id_column: 'ID' });
    const changed = diffVersions(a, b).settings.filter((s) => s.changed);
    expect(changed).toEqual([
      { field: 'Bad value', a: '1', b: '"yes"', changed: true },
      { field: 'ID column', a: '—', b: 'ID', changed: true },
    ]);
  });
});

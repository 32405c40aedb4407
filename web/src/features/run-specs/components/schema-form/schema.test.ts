import openapi from '@talaty/schemas/v0/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { formNode, type JsonSchema, resolveRef, type SchemaRegistry } from './schema.ts';
import { formPaths, validate } from './validate.ts';
import { defaultValue, getAt, setAt, withDefaults } from './values.ts';

const registry = openapi.components.schemas as unknown as SchemaRegistry;
const runSpec = formNode({ $ref: '#/components/schemas/RunSpecCreateInput' }, registry);

const field = (node: ReturnType<typeof formNode>, name: string) => {
  if (node.kind !== 'object') throw new Error(`${node.kind} is not an object`);
  const found = node.fields.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
};

describe('formNode', () => {
  it('resolves $refs, keeping the defaults written next to them', () => {
    const params = field(runSpec, 'model_params').node;
    expect(params.kind).toBe('object');
    expect(params.default).toEqual({});
    const rate = field(params, 'learning_rate').node;
    expect(rate).toMatchObject({ kind: 'number', integer: false, exclusiveMinimum: 0, maximum: 1, default: 0.05 });
    expect(rate.description).toMatch(/Shrinkage/);
    expect(field(params, 'n_trees').node).toMatchObject({ kind: 'number', integer: true, minimum: 1 });
    expect(field(params, 'growth').node).toMatchObject({ kind: 'enum', options: ['depthwise', 'leafwise'] });
  });

  it('reads the split policy as a union told apart by method', () => {
    const split = field(runSpec, 'split_policy').node;
    if (split.kind !== 'union') throw new Error(split.kind);
    expect(split.discriminator).toBe('method');
    expect(split.branches.map((b) => b.value)).toEqual(['random', 'time']);
    const time = split.branches[1]?.node;
    if (time === undefined) throw new Error('no time branch');
    expect(field(time, 'oot_start')).toMatchObject({ required: true, node: { kind: 'string', format: 'date' } });
    expect(field(time, 'date_column').node).toMatchObject({ kind: 'string', nullable: true, default: null });
  });

  it('folds anyOf [X, null] and type [X, "null"] into nullable nodes', () => {
    const scaling = field(field(runSpec, 'artifact_policy').node, 'score_scaling').node;
    expect(scaling).toMatchObject({ kind: 'object', nullable: true, default: null });
    const gates = field(field(runSpec, 'evaluation_policy').node, 'gates').node;
    if (gates.kind !== 'array') throw new Error(gates.kind);
    expect(field(gates.item, 'min').node).toMatchObject({ kind: 'number', nullable: true, default: null });
    expect(field(gates.item, 'metric')).toMatchObject({ required: true, node: { kind: 'enum' } });
  });

  it('refuses unknown and circular references', () => {
    expect(() => resolveRef({ $ref: '#/components/schemas/Nope' }, registry)).toThrow(/no schema Nope/);
    const loop: Record<string, JsonSchema> = { A: { $ref: '#/components/schemas/A' } };
    expect(() => resolveRef({ $ref: '#/components/schemas/A' }, loop)).toThrow(/circular/);
  });
});

describe('defaults', () => {
  it('fills every nested default, as the API would', () => {
    const value = defaultValue(runSpec);
    expect(getAt(value, ['model_family'])).toBe('gbm');
    expect(getAt(value, ['name'])).toBeUndefined();
    expect(getAt(value, ['model_params', 'n_trees'])).toBe(500);
    expect(getAt(value, ['model_params', 'objective'])).toBe('binary_logistic');
    expect(getAt(value, ['split_policy'])).toEqual({
      method: 'random',
      fractions: { train: 0.7, valid: 0.15, test: 0.15 },
      stratify: true,
      seed: 42,
    });
    expect(getAt(value, ['evaluation_policy', 'gates'])).toEqual([]);
    expect(getAt(value, ['artifact_policy'])).toEqual({ predictions: true, explanations: 'none', score_scaling: null });
  });

  it('completes a partial document, e.g. a duplicated spec or a new union branch', () => {
    const split = field(runSpec, 'split_policy').node;
    expect(withDefaults(split, { method: 'time', oot_start: '2025-01-01' })).toEqual({
      method: 'time',
      date_column: null,
      oot_start: '2025-01-01',
      oot_end: null,
      in_time: { train: 0.8, valid: 0.2, test: 0 },
      stratify: true,
      seed: 42,
    });
    const gates = field(field(runSpec, 'evaluation_policy').node, 'gates').node;
    expect(withDefaults(gates, [{ metric: 'gini', split: 'test', min: 0.3 }])).toEqual([
      { metric: 'gini', split: 'test', min: 0.3, max: null },
    ]);
  });
});

describe('validate', () => {
  const valid = setAt(
    setAt(
      setAt(setAt(defaultValue(runSpec), ['name'], 'baseline'), ['model_name'], 'cards'),
      ['dataset_version_id'],
      '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    ),
    ['feature_set_version_id'],
    '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  );

  it('accepts the defaults with the required fields given', () => {
    expect(validate(runSpec, valid)).toEqual([]);
  });

  it('names each problem by the dotted path the API uses', () => {
    const broken = [
      (v: unknown) => setAt(v, ['name'], 'Not A Name'),
      (v: unknown) => setAt(v, ['model_name'], undefined),
      (v: unknown) => setAt(v, ['model_params', 'learning_rate'], 0),
      (v: unknown) => setAt(v, ['model_params', 'max_depth'], 2.5),
      (v: unknown) => setAt(v, ['split_policy', 'fractions', 'train'], 1.5),
      (v: unknown) => setAt(v, ['evaluation_policy', 'gates'], [{ metric: 'gini', min: null, max: 2 }]),
      (v: unknown) => setAt(v, ['evaluation_policy', 'metrics'], []),
    ].reduce((v, f) => f(v), valid);
    expect(validate(runSpec, broken)).toEqual([
      { path: 'name', message: 'must match ^[a-z0-9][a-z0-9._-]{0,99}$' },
      { path: 'model_name', message: 'is required' },
      { path: 'model_params.learning_rate', message: 'must be greater than 0' },
      { path: 'model_params.max_depth', message: 'must be a whole number' },
      { path: 'split_policy.fractions.train', message: 'must be at most 1' },
      { path: 'evaluation_policy.metrics', message: 'choose at least 1' },
      { path: 'evaluation_policy.gates.0.split', message: 'is required' },
    ]);
  });

  it('checks the branch the union value selects', () => {
    const time = setAt(valid, ['split_policy'], { method: 'time', oot_start: '2025-02-30' });
    expect(validate(runSpec, time)).toEqual([{ path: 'split_policy.oot_start', message: 'must be a valid date' }]);
  });

  it('lists the paths the form shows, so other API details go by the submit button', () => {
    const gates = setAt(
      valid,
      ['evaluation_policy', 'gates'],
      [{ metric: 'gini', split: 'test', min: 0.4, max: null }],
    );
    const paths = formPaths(runSpec, gates);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'model_params.learning_rate',
        'split_policy',
        'split_policy.method',
        'split_policy.fractions',
        'split_policy.fractions.valid',
        'evaluation_policy.gates.0.min',
        'artifact_policy.score_scaling',
      ]),
    );
    expect(paths).not.toContain('split_policy.oot_start');
  });
});

describe('setAt', () => {
  it('copies along the path only and removes keys set to undefined', () => {
    const root = { a: { b: 1 }, c: { d: 2 } };
    const next = setAt(root, ['a', 'b'], 3) as typeof root;
    expect(next).toEqual({ a: { b: 3 }, c: { d: 2 } });
    expect(next.c).toBe(root.c);
    expect(root.a.b).toBe(1);
    expect(setAt(root, ['a', 'b'], undefined)).toEqual({ a: {}, c: { d: 2 } });
    expect(setAt({ list: [{ x: 1 }] }, ['list', 0, 'x'], 2)).toEqual({ list: [{ x: 2 }] });
  });
});

/**
 * Defaults are part of the contract: a document written with only what matters is completed the
 * same way everywhere (API, manifest, runner), and the completed form is a valid v0 document.
 */
import { describe, expect, it } from 'vitest';
import { Feature, FeatureDefinition } from '../src/feature.ts';
import { ModelParams } from '../src/model-params.ts';
import { RunSpec } from '../src/run-spec.ts';
import { SplitPolicy } from '../src/split-policy.ts';
import { createAjv, validatorFor } from './ajv.ts';

const ajv = createAjv();

describe('defaults', () => {
  it('fill every model parameter, with the documented values', () => {
    expect(ModelParams.parse({})).toEqual({
      objective: 'binary_logistic',
      n_trees: 500,
      learning_rate: 0.05,
      growth: 'depthwise',
      max_depth: 6,
      max_leaves: 0,
      min_data_in_leaf: 20,
      min_hessian_in_leaf: 0.001,
      min_split_gain: 0,
      lambda_l2: 1,
      row_subsample: 1,
      col_subsample: 1,
      max_bins: 255,
      max_cat_categories: 64,
      early_stopping_rounds: 50,
      seed: 42,
      threads: 0,
    });
  });

  it('complete a run spec given only its identity and pinned versions', () => {
    const spec = RunSpec.parse({
      id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      name: 'minimal',
      model_name: 'cards-application',
      dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
      feature_set_version_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
      model_family: 'gbm',
      model_params: { learning_rate: 0.1 },
      created_by: 'alice',
      created_at: '2026-11-20T12:00:00.000Z',
    });
    expect(spec.model_params.learning_rate).toBe(0.1);
    expect(spec.model_params.n_trees).toBe(500);
    expect(spec.split_policy).toEqual({
      method: 'random',
      fractions: { train: 0.7, valid: 0.15, test: 0.15 },
      stratify: true,
      seed: 42,
    });
    expect(spec.evaluation_policy).toEqual({
      metrics: ['gini', 'auc', 'ks', 'logloss', 'brier'],
      psi_bins: 10,
      gates: [],
    });
    expect(spec.artifact_policy).toEqual({ predictions: true, explanations: 'none', score_scaling: null });
    const validate = validatorFor(ajv, 'RunSpec');
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('complete a time split: in-time train and valid only, the date column and oot_end', () => {
    expect(SplitPolicy.parse({ method: 'time', oot_start: '2025-01-01' })).toEqual({
      method: 'time',
      date_column: null,
      oot_start: '2025-01-01',
      oot_end: null,
      in_time: { train: 0.8, valid: 0.2, test: 0 },
      stratify: true,
      seed: 42,
    });
  });

  it('make a feature learn its missing direction, unconstrained, with no special values', () => {
    const definition = FeatureDefinition.parse({ name: 'age', source_column: 'AGE', kind: 'numeric' });
    expect(definition).toEqual({
      feature_id: null,
      name: 'age',
      source_column: 'AGE',
      kind: 'numeric',
      missing_policy: { strategy: 'learn' },
      special_values: [],
      monotone: 0,
      description: '',
      rationale: '',
    });
    const categorical = FeatureDefinition.parse({ name: 'job', source_column: 'JOB', kind: 'categorical' });
    expect(categorical.monotone).toBe(0);
    expect(Feature.safeParse({ ...definition, id: 'not-a-uuid' }).success).toBe(false);
  });
});

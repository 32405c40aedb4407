/** A run spec: everything needed to train and evaluate one model, pinned and immutable. */
import { z } from 'zod';
import { ArtifactPolicy } from './artifact-policy.ts';
import { Description, exampleOf, immutableAudit, Name, Uuid } from './common.ts';
import { EvaluationPolicy } from './evaluation-policy.ts';
import { ModelParams } from './model-params.ts';
import { SplitPolicy } from './split-policy.ts';

/** What a run spec says, as opposed to its id and audit fields: the body that creates one. */
export const runSpecContent = {
  name: Name.describe('A name for people; need not be unique.'),
  description: Description,
  model_name: Name.describe('Registry model that a passing run adds a version to; the model is created on first use.'),
  dataset_version_id: Uuid.describe('The dataset version to train on; must be READY.'),
  feature_set_version_id: Uuid.describe('The feature-set version to use; must be PUBLISHED.'),
  model_family: z.literal('gbm').describe('Model family; gradient-boosted trees is the only one in v0.'),
  model_params: ModelParams.prefault({}),
  split_policy: SplitPolicy.prefault({ method: 'random' }),
  evaluation_policy: EvaluationPolicy.prefault({}),
  artifact_policy: ArtifactPolicy.prefault({}),
};

type RunSpecRulesInput = Pick<
  z.output<z.ZodObject<typeof runSpecContent>>,
  'model_params' | 'split_policy' | 'evaluation_policy'
>;

/** Early stopping needs a validation sample, and every gate names a sample the split policy keeps. */
export function runSpecRules(spec: RunSpecRulesInput, ctx: z.RefinementCtx): void {
  const split = spec.split_policy;
  const fractions = split.method === 'random' ? split.fractions : split.in_time;
  const fractionsPath = ['split_policy', split.method === 'random' ? 'fractions' : 'in_time', 'valid'];
  if (spec.model_params.early_stopping_rounds > 0 && fractions.valid === 0) {
    ctx.addIssue({
      code: 'custom',
      path: fractionsPath,
      message: 'early stopping needs a validation sample: set valid > 0 or early_stopping_rounds to 0',
    });
  }
  spec.evaluation_policy.gates.forEach((gate, i) => {
    const missing =
      (gate.split === 'oot' && split.method !== 'time') ||
      (gate.split === 'valid' && fractions.valid === 0) ||
      (gate.split === 'test' && fractions.test === 0);
    if (missing) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation_policy', 'gates', i, 'split'],
        message: `the split policy keeps no ${gate.split} sample`,
      });
    }
  });
}

export const RunSpec = z
  .strictObject({ id: Uuid, ...runSpecContent, ...immutableAudit })
  .superRefine(runSpecRules)
  .meta({
    id: 'RunSpec',
    title: 'RunSpec',
    description:
      'What to run: exact dataset and feature-set versions, model parameters, split, evaluation ' +
      'and artifact policies. Immutable once created; a change is a new run spec. Early stopping ' +
      'needs a validation sample, and every gate names a sample the split policy keeps.',
    examples: [
      {
        id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
        name: 'cards-gbm-baseline',
        model_name: 'cards-application',
        description: 'Depth-4 baseline with monotone limits.',
        dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
        feature_set_version_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
        model_family: 'gbm',
        model_params: {
          ...exampleOf(ModelParams),
          n_trees: 400,
          max_depth: 4,
          min_data_in_leaf: 50,
          row_subsample: 0.8,
        },
        split_policy: {
          method: 'random',
          fractions: { train: 0.7, valid: 0.15, test: 0.15 },
          stratify: true,
          seed: 42,
        },
        evaluation_policy: {
          metrics: ['gini', 'ks'],
          psi_bins: 10,
          gates: [{ metric: 'gini', split: 'test', min: 0.4, max: null }],
        },
        artifact_policy: { predictions: true, explanations: 'none', score_scaling: null },
        created_by: 'alice',
        created_at: '2026-11-20T12:00:00.000Z',
      },
    ],
  });

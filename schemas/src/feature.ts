/**
 * Features: how a model sees one source column. The catalog keeps `Feature`s; a feature-set
 * version snapshots their definitions so later catalog edits never change a published version.
 */
import { z } from 'zod';
import { ColumnName, Description, mutableAudit, Uuid } from './common.ts';

export const FeatureName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, {
    message: 'must start with a letter or "_" and hold only letters, digits, "_", "." or "-" (at most 128)',
  })
  .describe(
    'Name used in models, scores and explanations: a letter or "_", then letters, digits, "_", "." ' +
      'or "-" (so most column names can be used as they are).',
  );

export const MonotoneConstraint = z.literal([-1, 0, 1]).meta({
  id: 'MonotoneConstraint',
  description:
    'Required direction of the effect on the predicted probability of bad: +1 never decreasing ' +
    'as the value grows, -1 never increasing, 0 unconstrained.',
});

function missingPolicy<V extends z.ZodType>(id: string, fillValue: V) {
  return z
    .discriminatedUnion('strategy', [
      z
        .strictObject({
          strategy: z.literal('learn'),
        })
        .describe('Missing values get their own bin and training learns which side they go to.'),
      z
        .strictObject({ strategy: z.literal('fill'), value: fillValue })
        .describe('Missing values are replaced by `value` before training and scoring.'),
      z
        .strictObject({ strategy: z.literal('reject') })
        .describe('A missing value is an error: the run fails, naming the row and feature.'),
    ])
    .meta({ id, description: 'What to do with a missing cell (empty, or one of the special values).' });
}

export const NumericMissingPolicy = missingPolicy('NumericMissingPolicy', z.number());
export const CategoricalMissingPolicy = missingPolicy('CategoricalMissingPolicy', z.string().max(256));

const definitionBase = {
  name: FeatureName,
  source_column: ColumnName.describe('The dataset column this feature reads.'),
  description: Description.describe('What the feature measures.'),
  rationale: Description.describe('Business rationale: why it belongs in a credit model, for reviewers.'),
};

const numericDefinition = {
  ...definitionBase,
  kind: z.literal('numeric'),
  missing_policy: NumericMissingPolicy.default({ strategy: 'learn' }),
  special_values: z
    .array(z.number())
    .max(100)
    .default([])
    .describe('Sentinel codes treated as missing, e.g. -999 or 9999.'),
  monotone: MonotoneConstraint.default(0),
};

const categoricalDefinition = {
  ...definitionBase,
  kind: z.literal('categorical'),
  missing_policy: CategoricalMissingPolicy.default({ strategy: 'learn' }),
  special_values: z
    .array(z.string().max(256))
    .max(100)
    .default([])
    .describe('Sentinel values treated as missing, e.g. "N/A" or "unknown".'),
  monotone: z.literal(0).default(0).describe('Categorical features cannot carry a monotone constraint.'),
};

const featureDescription =
  'Numeric features are split on raw-value thresholds and may carry a monotone constraint; ' +
  'categorical features are split natively on sets of categories.';

export const FeatureDefinition = z
  .discriminatedUnion('kind', [
    z.strictObject({
      feature_id: Uuid.nullable().default(null).describe('Catalog feature this definition was taken from, if any.'),
      ...numericDefinition,
    }),
    z.strictObject({
      feature_id: Uuid.nullable().default(null).describe('Catalog feature this definition was taken from, if any.'),
      ...categoricalDefinition,
    }),
  ])
  .meta({
    id: 'FeatureDefinition',
    description: `A feature as pinned inside a feature-set version. ${featureDescription}`,
  });

const catalogFields = { id: Uuid, ...mutableAudit };

export const Feature = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...catalogFields, ...numericDefinition }),
    z.strictObject({ ...catalogFields, ...categoricalDefinition }),
  ])
  .meta({
    id: 'Feature',
    title: 'Feature',
    description: `A feature in the shared catalog; names are unique. ${featureDescription}`,
    examples: [
      {
        id: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b',
        name: 'utilization',
        source_column: 'RevolvingUtilizationOfUnsecuredLines',
        kind: 'numeric',
        missing_policy: { strategy: 'learn' },
        special_values: [],
        monotone: 1,
        description: 'Revolving balance divided by the sum of credit limits.',
        rationale: 'Applicants using more of their limits default more often; policy requires a non-decreasing effect.',
        created_by: 'alice',
        created_at: '2026-11-20T09:10:00.000Z',
        updated_by: 'alice',
        updated_at: '2026-11-20T09:10:00.000Z',
        row_version: 1,
      },
      {
        id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
        name: 'loan_reason',
        source_column: 'REASON',
        kind: 'categorical',
        missing_policy: { strategy: 'fill', value: 'unknown' },
        special_values: ['N/A'],
        monotone: 0,
        description: 'Reason for the loan request.',
        rationale: 'Debt consolidation loans carry a different risk from home improvement loans.',
        created_by: 'bob',
        created_at: '2026-11-20T09:12:00.000Z',
        updated_by: 'bob',
        updated_at: '2026-11-21T14:00:00.000Z',
        row_version: 2,
      },
    ],
  });

/**
 * Feature sets: a named list of feature definitions plus the target definition. Versions start as
 * editable DRAFTs; publishing freezes one for good, and only PUBLISHED versions can be run.
 */
import { z } from 'zod';
import {
  ColumnName,
  Description,
  immutableAudit,
  mutableAudit,
  Name,
  Tags,
  Timestamp,
  UserId,
  Uuid,
  uniqueBy,
  VersionNumber,
} from './common.ts';
import { FeatureDefinition } from './feature.ts';

/** A feature-set version is an editable DRAFT until it is PUBLISHED, for good. */
export const FeatureSetVersionStatus = z
  .enum(['DRAFT', 'PUBLISHED'])
  .describe('DRAFT (editable) → PUBLISHED (immutable); only PUBLISHED can be run.');

export const FeatureSet = z
  .strictObject({
    id: Uuid,
    name: Name,
    description: Description,
    tags: Tags,
    latest_version: z
      .strictObject({ version: VersionNumber, status: FeatureSetVersionStatus })
      .nullable()
      .describe('The newest version and its status; null before the first.'),
    ...mutableAudit,
  })
  .meta({
    id: 'FeatureSet',
    title: 'FeatureSet',
    description: 'A named family of feature-set versions, e.g. one scorecard’s inputs over time.',
    examples: [
      {
        id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
        name: 'cards-application-v1',
        description: 'Application scorecard inputs for credit cards.',
        tags: ['cards'],
        latest_version: { version: 2, status: 'DRAFT' },
        created_by: 'alice',
        created_at: '2026-11-20T09:20:00.000Z',
        updated_by: 'alice',
        updated_at: '2026-11-20T09:20:00.000Z',
        row_version: 1,
      },
    ],
  });

export const TargetDefinition = z
  .strictObject({
    column: ColumnName.describe('The outcome column.'),
    bad_value: z
      .union([z.string().max(256), z.number(), z.boolean()])
      .default(1)
      .describe(
        'The value of the target column that means "bad" (default, charge-off…); every other ' +
          'non-missing value is "good", and rows with a missing target are excluded. A cell matches ' +
          'a number by numeric value ("1" and "1.0" match 1), a boolean case-insensitively ("TRUE" ' +
          'matches true), and a string exactly.',
      ),
  })
  .meta({ id: 'TargetDefinition', description: 'Which column is the outcome and which value of it is bad.' });

/** What a feature-set version says, as opposed to who made it and when: the editable part of a DRAFT. */
export const featureSetVersionContent = {
  features: z
    .array(FeatureDefinition)
    .max(2000)
    .superRefine(uniqueBy((f) => f.name, 'feature name', 'name'))
    .describe('Feature definitions, in model order; names are unique.'),
  target: TargetDefinition,
  id_column: ColumnName.nullable().default(null).describe('Row identifier, carried into scores; never a feature.'),
  date_column: ColumnName.nullable()
    .default(null)
    .describe('Observation date, used by time-based splits; never a feature.'),
  weight_column: ColumnName.nullable().default(null).describe('Row weight for training and metrics; never a feature.'),
  notes: Description.describe('What changed in this version and why.'),
};

const versionBase = {
  id: Uuid,
  feature_set_id: Uuid,
  version: VersionNumber,
  ...featureSetVersionContent,
  ...immutableAudit,
};

type ColumnRoles = {
  features: ReadonlyArray<{ name: string; source_column: string }>;
  target: { column: string };
  id_column: string | null;
  date_column: string | null;
  weight_column: string | null;
};

/** The target, id, date and weight columns are distinct, and no feature reads any of them. */
export function noFeatureReadsARoleColumn(v: ColumnRoles, ctx: z.RefinementCtx): void {
  const roles = [
    ['target', v.target.column],
    ['id_column', v.id_column],
    ['date_column', v.date_column],
    ['weight_column', v.weight_column],
  ] as const;
  roles.forEach(([role, column], i) => {
    const earlier = roles.slice(0, i).find(([, other]) => column !== null && other === column);
    if (earlier !== undefined) {
      const path = role === 'target' ? ['target', 'column'] : [role];
      ctx.addIssue({ code: 'custom', path, message: `column "${column}" is already the ${earlier[0]}` });
    }
  });
  for (const [role, column] of roles) {
    v.features.forEach((f, i) => {
      if (column !== null && f.source_column === column) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'source_column'],
          message: `feature "${f.name}" reads column "${column}", which is the ${role}`,
        });
      }
    });
  }
}

export const PublishedFeatureSetVersion = z
  .strictObject({
    ...versionBase,
    features: versionBase.features.min(1),
    status: z.literal('PUBLISHED'),
    published_by: UserId,
    published_at: Timestamp,
  })
  .superRefine(noFeatureReadsARoleColumn)
  .meta({
    id: 'PublishedFeatureSetVersion',
    description:
      'A frozen feature-set version, the only usable state: at least one feature, unique feature ' +
      'names, distinct target/id/date/weight columns, none of them read by a feature.',
  });

const draftVersion = z
  .strictObject({
    ...versionBase,
    status: z.literal('DRAFT'),
    published_by: z.null(),
    published_at: z.null(),
    updated_by: UserId,
    updated_at: Timestamp,
    row_version: mutableAudit.row_version,
  })
  .superRefine(noFeatureReadsARoleColumn);

export const FeatureSetVersion = z.discriminatedUnion('status', [draftVersion, PublishedFeatureSetVersion]).meta({
  id: 'FeatureSetVersion',
  title: 'FeatureSetVersion',
  description:
    'A version of a feature set: DRAFT (editable, with a row version) until published, then ' +
    'PUBLISHED and immutable. Feature names are unique; the target, id, date and weight columns ' +
    'are distinct, and no feature may read any of them.',
  examples: [
    {
      id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
      feature_set_id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      version: 1,
      status: 'PUBLISHED',
      features: [
        {
          feature_id: null,
          name: 'limit_bal',
          source_column: 'LIMIT_BAL',
          kind: 'numeric',
          missing_policy: { strategy: 'learn' },
          special_values: [],
          monotone: -1,
          description: 'Credit limit in NT dollars.',
          rationale: 'Higher granted limits reflect prior underwriting confidence.',
        },
        {
          feature_id: null,
          name: 'education',
          source_column: 'EDUCATION',
          kind: 'categorical',
          missing_policy: { strategy: 'fill', value: 'other' },
          special_values: ['0', '5', '6'],
          monotone: 0,
          description: 'Education level code.',
          rationale: '',
        },
      ],
      target: { column: 'default.payment.next.month', bad_value: 1 },
      id_column: 'ID',
      date_column: null,
      weight_column: null,
      notes: 'First published version.',
      created_by: 'alice',
      created_at: '2026-11-20T09:30:00.000Z',
      published_by: 'carol',
      published_at: '2026-11-20T11:00:00.000Z',
    },
    {
      id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      feature_set_id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      version: 2,
      status: 'DRAFT',
      features: [
        {
          feature_id: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b',
          name: 'pay_0',
          source_column: 'PAY_0',
          kind: 'numeric',
          missing_policy: { strategy: 'learn' },
          special_values: [-2],
          monotone: 1,
          description: 'Repayment status in September (months of delay).',
          rationale: 'Current delinquency is the strongest sign of default.',
        },
      ],
      target: { column: 'default.payment.next.month', bad_value: 1 },
      id_column: 'ID',
      date_column: null,
      weight_column: null,
      notes: 'Adding repayment history.',
      created_by: 'alice',
      created_at: '2026-11-22T09:00:00.000Z',
      published_by: null,
      published_at: null,
      updated_by: 'alice',
      updated_at: '2026-11-22T09:30:00.000Z',
      row_version: 3,
    },
  ],
});

export type TargetDefinition = z.output<typeof TargetDefinition>;

/**
 * The model registry. A model version is registered by the pipeline for a SUCCEEDED run whose
 * gates passed or had none; its artifact and lineage never change, only its stage and aliases.
 */
import { z } from 'zod';
import {
  Description,
  exampleOf,
  mutableAudit,
  Name,
  S3Uri,
  Sha256,
  Tags,
  Uuid,
  uniqueBy,
  VersionNumber,
} from './common.ts';
import { MetricsSummary } from './metrics.ts';

export const ModelStage = z.enum(['none', 'staging', 'production', 'archived']).meta({
  id: 'ModelStage',
  description: 'Lifecycle stage: none (just registered), staging, production, archived.',
});

export const Model = z
  .strictObject({
    id: Uuid,
    name: Name.describe('Unique model name.'),
    description: Description,
    tags: Tags,
    latest_version: z
      .strictObject({ version: VersionNumber, stage: ModelStage })
      .nullable()
      .describe('The newest version and its stage; null before the first.'),
    ...mutableAudit,
  })
  .meta({
    id: 'Model',
    title: 'Model',
    description: 'A named model in the registry, e.g. one scorecard, with its versions.',
    examples: [
      {
        id: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
        name: 'cards-application',
        description: 'Application PD model for credit cards.',
        tags: ['cards', 'pd'],
        latest_version: { version: 4, stage: 'staging' },
        created_by: 'alice',
        created_at: '2026-11-20T12:10:00.000Z',
        updated_by: 'alice',
        updated_at: '2026-11-20T12:10:00.000Z',
        row_version: 1,
      },
    ],
  });

const Alias = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { message: 'must be lower-case letters, digits and "-", starting with a letter' })
  .describe('A movable label such as champion or challenger; unique within the model.');

export const ModelVersion = z
  .strictObject({
    id: Uuid,
    model_id: Uuid,
    version: VersionNumber,
    run_id: Uuid.describe('The run that trained it.'),
    run_spec_id: Uuid,
    dataset_version_id: Uuid,
    feature_set_version_id: Uuid,
    runner_digest: Sha256,
    artifact_uri: S3Uri.describe('The model artifact: s3://<bucket>/models/{model_id}/{version}/model.json.'),
    metrics_summary: MetricsSummary,
    stage: ModelStage.default('none'),
    aliases: z
      .array(Alias)
      .max(20)
      .superRefine(uniqueBy((a) => a, 'alias'))
      .default([]),
    description: Description,
    ...mutableAudit,
  })
  .meta({
    id: 'ModelVersion',
    title: 'ModelVersion',
    description:
      'A registered, immutable model: artifact and lineage (dataset version → feature-set version ' +
      '→ run spec → run) never change; only stage, aliases and description may.',
    examples: [
      {
        id: '0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
        model_id: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
        version: 3,
        run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
        run_spec_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
        dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
        feature_set_version_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
        runner_digest: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
        artifact_uri: 's3://talaty-artifacts/models/9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f/3/model.json',
        metrics_summary: exampleOf(MetricsSummary),
        stage: 'staging',
        aliases: ['challenger'],
        description: '',
        created_by: 'pipeline',
        created_at: '2026-11-20T12:06:00.000Z',
        updated_by: 'carol',
        updated_at: '2026-11-21T08:00:00.000Z',
        row_version: 2,
      },
    ],
  });

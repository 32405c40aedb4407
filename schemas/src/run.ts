/**
 * Runs and their events. Only `POST /runs/execute` creates a run; the pipeline moves it
 * QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED and nothing else edits it.
 */
import { z } from 'zod';
import { exampleOf, Failure, immutableAudit, Location, Sha256, Timestamp, Uuid } from './common.ts';
import { GateOutcome, GateResult, gateOutcomeMatchesGates } from './evaluation-policy.ts';
import { MetricsSummary } from './metrics.ts';

export const ExecutionArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]+:[^:\s]+$/, {
    message: 'must be a Step Functions execution ARN',
  })
  .describe('The Step Functions execution ARN; its name is the run id.');

export const RunArtifacts = z
  .strictObject({
    manifest: Location.nullable().describe('The run manifest: runs/{run_id}/manifest.json.'),
    model: Location.nullable().describe('The model artifact: runs/{run_id}/model.json.'),
    metrics: Location.nullable().describe('The Metrics document: runs/{run_id}/metrics.json.'),
    result: Location.nullable().describe('The RunResult document: runs/{run_id}/result.json.'),
    report: Location.nullable().describe('The self-contained HTML report: reports/{run_id}/report.html.'),
    logs: Location.nullable().describe("The runner's captured output: runs/{run_id}/logs/."),
    predictions: Location.nullable().describe('Per-row scores, when the artifact policy keeps them.'),
    explanations: Location.nullable().describe('Per-row contributions, when the artifact policy keeps them.'),
  })
  .meta({ id: 'RunArtifacts', description: 'Where a run’s artifacts are; null until written.' });

const runBase = {
  id: Uuid,
  run_spec_id: Uuid,
  dataset_version_id: Uuid.describe('Pinned from the run spec.'),
  feature_set_version_id: Uuid.describe('Pinned from the run spec.'),
  dataset_sha256: Sha256.nullable().describe(
    'Digest of the pinned dataset version’s bytes when the run was created; null when that version was not ' +
      'READY, and such a run fails at Prepare.',
  ),
  execution_arn: ExecutionArn.nullable().describe('Null only until the execution has started.'),
  console_url: z
    .url()
    .nullable()
    .describe('The execution in the AWS Step Functions console; null until the execution has started.'),
  runner_digest: Sha256.nullable().describe('SHA-256 of the runner bundle that trained; null until training starts.'),
  gate_outcome: z.null(),
  gates: z.array(GateResult).max(0).describe('Gate results; empty unless the run SUCCEEDED.'),
  metrics_summary: z.null(),
  artifacts: RunArtifacts,
  model_version_id: z.null(),
  failure: z.null(),
  ...immutableAudit,
  started_at: Timestamp.nullable().describe('When Prepare marked the run RUNNING.'),
  finished_at: z.null(),
  updated_at: Timestamp,
};

const succeededRunExample = {
  id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
  run_spec_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  feature_set_version_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  dataset_sha256: 'a3f1c9d27b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
  status: 'SUCCEEDED',
  execution_arn: 'arn:aws:states:us-east-1:123456789012:execution:RunPipeline:1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
  console_url:
    'https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:RunPipeline:1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
  runner_digest: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  gate_outcome: 'passed',
  gates: [{ metric: 'gini', split: 'test', min: 0.4, max: null, value: 0.5582, passed: true }],
  metrics_summary: exampleOf(MetricsSummary),
  artifacts: {
    manifest: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/manifest.json',
    model: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/model.json',
    metrics: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/metrics.json',
    result: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/result.json',
    report: 's3://talaty-artifacts/reports/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/report.html',
    logs: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/logs/',
    predictions: 's3://talaty-artifacts/runs/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/predictions.csv.gz',
    explanations: null,
  },
  model_version_id: '0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
  failure: null,
  created_by: 'alice',
  created_at: '2026-11-20T12:00:00.000Z',
  started_at: '2026-11-20T12:00:02.000Z',
  finished_at: '2026-11-20T12:05:40.000Z',
  updated_at: '2026-11-20T12:05:40.000Z',
};

const failedRunExample = {
  id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
  run_spec_id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  feature_set_version_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  dataset_sha256: 'a3f1c9d27b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
  status: 'FAILED',
  execution_arn: 'arn:aws:states:us-east-1:123456789012:execution:RunPipeline:8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
  console_url:
    'https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:RunPipeline:8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
  runner_digest: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  gate_outcome: null,
  gates: [],
  metrics_summary: null,
  artifacts: {
    manifest: 's3://talaty-artifacts/runs/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e/manifest.json',
    model: null,
    metrics: null,
    result: 's3://talaty-artifacts/runs/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e/result.json',
    report: null,
    logs: 's3://talaty-artifacts/runs/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e/logs/',
    predictions: null,
    explanations: null,
  },
  model_version_id: null,
  failure: { code: 'CONSTANT_TARGET', message: 'The target column "bad" holds only 0 in the training sample.' },
  created_by: 'alice',
  created_at: '2026-11-20T12:05:00.000Z',
  started_at: '2026-11-20T12:05:02.000Z',
  finished_at: '2026-11-20T12:05:31.000Z',
  updated_at: '2026-11-20T12:05:31.000Z',
};

/** A run's artifacts before any is written: every location null. */
export const noRunArtifacts = Object.fromEntries(Object.keys(RunArtifacts.shape).map((key) => [key, null])) as {
  readonly [K in keyof typeof RunArtifacts.shape]: null;
};
const queuedRunExample = {
  ...failedRunExample,
  status: 'QUEUED',
  execution_arn: null,
  console_url: null,
  runner_digest: null,
  artifacts: noRunArtifacts,
  failure: null,
  started_at: null,
  finished_at: null,
  updated_at: failedRunExample.created_at,
};
const runningRunExample = {
  ...queuedRunExample,
  status: 'RUNNING',
  execution_arn: failedRunExample.execution_arn,
  console_url: failedRunExample.console_url,
  started_at: failedRunExample.started_at,
};
const cancelledRunExample = { ...runningRunExample, status: 'CANCELLED', finished_at: failedRunExample.finished_at };

export const Run = z
  .discriminatedUnion('status', [
    z.strictObject({ ...runBase, status: z.literal('QUEUED') }),
    z.strictObject({ ...runBase, status: z.literal('RUNNING'), started_at: Timestamp }),
    z
      .strictObject({
        ...runBase,
        status: z.literal('SUCCEEDED'),
        execution_arn: ExecutionArn,
        runner_digest: Sha256,
        started_at: Timestamp,
        finished_at: Timestamp,
        gate_outcome: GateOutcome,
        gates: z.array(GateResult).describe('Every gate of the run spec with its measured value.'),
        metrics_summary: MetricsSummary,
        model_version_id: Uuid.nullable().describe('The registered model version; null exactly when the gates failed.'),
      })
      .superRefine(gateOutcomeMatchesGates)
      .superRefine((run, ctx) => {
        if ((run.gate_outcome === 'failed') !== (run.model_version_id === null)) {
          ctx.addIssue({
            code: 'custom',
            path: ['model_version_id'],
            message:
              run.gate_outcome === 'failed'
                ? 'must be null when the gates failed'
                : 'must name the registered model version',
          });
        }
      }),
    z.strictObject({ ...runBase, status: z.literal('FAILED'), finished_at: Timestamp, failure: Failure }),
    z.strictObject({ ...runBase, status: z.literal('CANCELLED'), finished_at: Timestamp }),
  ])
  .meta({
    id: 'Run',
    title: 'Run',
    description:
      'One execution of a run spec, pinning exact versions, the dataset digest and the runner ' +
      'digest. A SUCCEEDED run has metrics and a gate outcome, and a model version unless its ' +
      'gates failed; a FAILED run has its failure.',
    examples: [succeededRunExample, failedRunExample, queuedRunExample, runningRunExample, cancelledRunExample],
  });

export const RunEventKind = z
  .enum([
    'run_queued',
    'step_started',
    'step_succeeded',
    'step_failed',
    'step_retried',
    'run_succeeded',
    'run_failed',
    'run_cancelled',
    'run_timed_out',
  ])
  .meta({ id: 'RunEventKind', description: 'What happened.' });

export const RunEvent = z
  .strictObject({
    run_id: Uuid,
    seq: z.int().min(1).describe('Order of the event within the run, from 1.'),
    timestamp: Timestamp,
    kind: RunEventKind,
    step: z
      .string()
      .min(1)
      .nullable()
      .describe('Pipeline step (Prepare, Train, Record, MarkFailed); null for the run itself.'),
    message: z.string().describe('What happened, for a person.'),
    details: z.record(z.string(), z.unknown()).describe('Step input/output or error fields worth showing.'),
  })
  .meta({
    id: 'RunEvent',
    title: 'RunEvent',
    description: 'A readable step of a run, derived from its Step Functions execution history.',
    examples: [
      {
        run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
        seq: 3,
        timestamp: '2026-11-20T12:05:03.000Z',
        kind: 'step_started',
        step: 'Train',
        message: 'Training started on ECS (task 9f8e7d).',
        details: { task_arn: 'arn:aws:ecs:us-east-1:123456789012:task/talaty/9f8e7d' },
      },
    ],
  });

export const RunArtifactName = z
  .enum([
    'manifest.json',
    'model.json',
    'metrics.json',
    'result.json',
    'report.html',
    'predictions.csv.gz',
    'explanations.csv.gz',
    'logs',
  ])
  .meta({ id: 'RunArtifactName', description: 'An artifact of a run that can be downloaded.' });

export const RunArtifactLinks = z
  .strictObject({
    run_id: Uuid,
    name: RunArtifactName,
    files: z
      .array(
        z.strictObject({
          file: z.string().min(1).describe('The file under the run’s prefix, e.g. report.html or logs/runner.jsonl.'),
          uri: Location,
          size_bytes: z.int().min(0),
          url: z.url().describe('A presigned GET URL.'),
          expires_at: Timestamp,
        }),
      )
      .min(1)
      .describe('One file for a document; every log file of the run for logs (oldest first).'),
  })
  .meta({
    id: 'RunArtifactLinks',
    title: 'RunArtifactLinks',
    description: 'Short-lived presigned download URLs for one artifact of a run.',
    examples: [
      {
        run_id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
        name: 'report.html',
        files: [
          {
            file: 'report.html',
            uri: 's3://talaty-artifacts/reports/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/report.html',
            size_bytes: 48213,
            url: 'https://talaty-artifacts.s3.amazonaws.com/reports/1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b/report.html?X-Amz-Expires=900',
            expires_at: '2026-11-20T12:20:40.000Z',
          },
        ],
      },
    ],
  });

export const RunEventList = z
  .strictObject({
    run_id: Uuid,
    execution_arn: ExecutionArn.nullable(),
    items: z.array(RunEvent).describe('Oldest first.'),
  })
  .meta({
    id: 'RunEventList',
    title: 'RunEventList',
    description: 'The readable steps of a run, from its Step Functions execution history; empty before it starts.',
  });

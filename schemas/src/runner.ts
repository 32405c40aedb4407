/**
 * The runner contract: the manifest a run is started from and the result document it leaves.
 * The runner reads one and writes the other; it never touches the database.
 */
import { z } from 'zod';
import { exampleOf, Failure, Location, Sha256, Uuid } from './common.ts';
import { ColumnSchema, CsvDelimiter, DatasetFormat } from './dataset.ts';
import { GateOutcome, GateResult, gateOutcomeMatchesGates } from './evaluation-policy.ts';
import { FeatureSetVersion, PublishedFeatureSetVersion } from './feature-set.ts';
import { MetricsSummary } from './metrics.ts';
import { Run, RunArtifacts } from './run.ts';
import { RunSpec } from './run-spec.ts';

export const RunManifest = z
  .strictObject({
    run_id: Uuid,
    run_spec: RunSpec,
    dataset: z
      .strictObject({
        dataset_version_id: Uuid.nullable().describe('Null only in standalone use on a local file.'),
        uri: Location.describe('s3:// URI in the pipeline; a local path in standalone use.'),
        format: DatasetFormat,
        delimiter: CsvDelimiter.nullable().describe('Null: detect (CSV) or not applicable (Parquet).'),
        sha256: Sha256.nullable().describe('When set, the runner refuses bytes with another digest.'),
        columns: z.array(ColumnSchema).nullable().describe('Profiled columns; null lets the runner infer them.'),
      })
      .describe('The pinned dataset version and where to read it.'),
    feature_set_version: PublishedFeatureSetVersion,
    outputs: z
      .strictObject({
        run_prefix: Location.describe('Where model.json, metrics.json and result.json go: runs/{run_id}/.'),
        report_prefix: Location.describe('Where report.html goes: reports/{run_id}/.'),
      })
      .describe('Output prefixes (s3:// URIs or local directories).'),
    runner: z
      .strictObject({
        threads: z
          .int()
          .min(0)
          .max(256)
          .default(0)
          .describe('Threads the runner may use (0: one per available core); model_params.threads = 0 means this.'),
      })
      .describe('Where the run executes; the task sets it from the cores it was given.'),
  })
  .superRefine((m, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (m.feature_set_version.id !== m.run_spec.feature_set_version_id) {
      issue(['feature_set_version', 'id'], 'must be the run spec’s feature_set_version_id');
    }
    if (m.dataset.dataset_version_id !== null && m.dataset.dataset_version_id !== m.run_spec.dataset_version_id) {
      issue(['dataset', 'dataset_version_id'], 'must be the run spec’s dataset_version_id');
    }
    const split = m.run_spec.split_policy;
    if (split.method === 'time' && split.date_column === null && m.feature_set_version.date_column === null) {
      issue(['run_spec', 'split_policy', 'date_column'], 'a time split needs a date column here or in the feature set');
    }
    const fsv = m.feature_set_version;
    const taken = [fsv.target.column, ...fsv.features.map((f) => f.source_column)];
    if (split.method === 'time' && split.date_column !== null && taken.includes(split.date_column)) {
      issue(['run_spec', 'split_policy', 'date_column'], `"${split.date_column}" is the target or a feature's column`);
    }
  })
  .meta({
    id: 'RunManifest',
    title: 'RunManifest',
    description:
      'Everything the runner needs, fully resolved: the run spec, the dataset version and the ' +
      'published feature-set version. Written to runs/{run_id}/manifest.json by Prepare, or ' +
      'written by hand (YAML or JSON, local paths allowed) for `talaty-runner run --spec`. The ' +
      'feature-set and dataset versions are the ones the run spec pins, and a time split has a date ' +
      'column that is neither the target nor a feature’s column.',
    examples: [
      {
        run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
        run_spec: exampleOf(RunSpec),
        dataset: {
          dataset_version_id: '5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
          uri: 's3://talaty-artifacts/datasets/0b5e3c1e-7f0a-4c59-9f39-2f6a4c1b8d11/1/data.csv',
          format: 'csv',
          delimiter: ',',
          sha256: 'a3f1c9d27b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
          columns: null,
        },
        feature_set_version: exampleOf(FeatureSetVersion),
        outputs: {
          run_prefix: 's3://talaty-artifacts/runs/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e/',
          report_prefix: 's3://talaty-artifacts/reports/8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e/',
        },
        runner: { threads: 2 },
      },
    ],
  });

const resultBase = {
  run_id: Uuid,
  runner_digest: Sha256.nullable().describe(
    'SHA-256 of the runner bundle that ran; null when the runner ran from source (development only).',
  ),
  artifacts: RunArtifacts,
  timings: z.record(z.string(), z.number().min(0)).describe('Seconds per phase.'),
};

export const RunResult = z
  .discriminatedUnion('outcome', [
    z
      .strictObject({
        ...resultBase,
        outcome: z.literal('succeeded'),
        gate_outcome: GateOutcome,
        gates: z.array(GateResult),
        metrics_summary: MetricsSummary,
        best_iteration: z.int().min(1).nullable(),
        failure: z.null(),
      })
      .superRefine(gateOutcomeMatchesGates),
    z.strictObject({
      ...resultBase,
      outcome: z.literal('failed'),
      gate_outcome: z.null(),
      gates: z.array(GateResult).max(0),
      metrics_summary: z.null(),
      best_iteration: z.null(),
      failure: Failure,
    }),
  ])
  .meta({
    id: 'RunResult',
    title: 'RunResult',
    description:
      'What the runner leaves at runs/{run_id}/result.json. succeeded means training and ' +
      'evaluation finished (gates passed, failed or none; exit code 0); failed carries the ' +
      'failure (non-zero exit code).',
    examples: [
      {
        run_id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
        outcome: 'succeeded',
        runner_digest: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
        artifacts: { ...exampleOf(Run).artifacts, logs: null },
        timings: { load: 0.41, bin: 0.12, train: 3.9, evaluate: 0.3, write: 0.05 },
        gate_outcome: 'failed',
        gates: [
          { metric: 'gini', split: 'test', min: 0.6, max: null, value: 0.5582, passed: false },
          { metric: 'psi', split: 'test', min: null, max: 0.1, value: 0.0031, passed: true },
        ],
        metrics_summary: exampleOf(MetricsSummary),
        best_iteration: 187,
        failure: null,
      },
      {
        run_id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
        outcome: 'failed',
        runner_digest: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
        artifacts: { ...exampleOf(Run, 1).artifacts, logs: null },
        timings: { load: 0.52 },
        gate_outcome: null,
        gates: [],
        metrics_summary: null,
        best_iteration: null,
        failure: {
          code: 'MISSING_COLUMN',
          message: 'Feature "limit_bal" reads column "LIMIT_BAL", which the dataset does not have.',
        },
      },
    ],
  });

/**
 * The RunPipeline's Lambda steps. Prepare checks what the run pins and writes its manifest; Record
 * reads the runner's result, keeps the metrics and registers a model version when the gates allow;
 * MarkFailed turns whatever stopped the pipeline into the run's failure. Each step is safe to retry,
 * and none revives a run that was cancelled meanwhile.
 */
import { documents, type Run, type RunManifest, type RunResult } from '@talaty/schemas';
import { consoleUrl } from '../orchestration/executions.ts';
import type { ObjectStore } from '../storage/s3.ts';
import type { Sql } from '../store/data-api.ts';
import type { DatasetVersionStore } from '../store/dataset-versions.ts';
import type { FeatureSetVersionStore } from '../store/feature-set-versions.ts';
import type { ModelVersionStore } from '../store/model-versions.ts';
import type { NamedEntityStore } from '../store/named-entities.ts';
import type { RunSpecStore } from '../store/run-specs.ts';
import { ACTIVE_STATUSES, isActive, type RunStore } from '../store/runs.ts';
import { causeMessage } from './run-events.ts';
import { keyOf, logsPrefix, manifestKey, modelKey, reportPrefix, resultKey, runPrefix } from './run-layout.ts';

/**
 * A step's error. Only its name and message cross the Lambda boundary: the state machine and
 * MarkFailed see the name as `Error`, and FAILURE_CODES turns it into the run's failure code.
 */
export class PipelineError extends Error {
  constructor(name: PipelineErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export interface PipelineStores {
  readonly runs: RunStore;
  readonly specs: RunSpecStore;
  readonly datasetVersions: DatasetVersionStore;
  readonly featureSetVersions: FeatureSetVersionStore;
  readonly models: NamedEntityStore;
  readonly modelVersions: ModelVersionStore;
  readonly objects: ObjectStore;
}

export interface StepInput {
  readonly run_id: string;
  readonly execution_arn: string;
}

/** What Prepare hands the Train step. */
export interface Prepared {
  readonly manifest_uri: string;
  readonly command: readonly string[];
}

/** The steps' error names → the run's failure codes. */
const PIPELINE_CODES = {
  DatasetVersionNotReady: 'DATASET_NOT_READY',
  FeatureSetVersionNotPublished: 'FEATURE_SET_NOT_PUBLISHED',
  RunNotFound: 'RUN_NOT_FOUND',
  RunNotRunnable: 'RUN_NOT_RUNNABLE',
  ResultMissing: 'RESULT_MISSING',
  ResultInvalid: 'RESULT_INVALID',
  RunnerFailed: 'RUNNER_FAILED',
} as const;
export type PipelineErrorName = keyof typeof PIPELINE_CODES;

/** Every error name MarkFailed may see (the steps' and Step Functions' own) → the run's failure code. */
const FAILURE_CODES: Readonly<Record<string, string>> = {
  ...PIPELINE_CODES,
  'States.Timeout': 'TRAINING_TIMED_OUT',
  'States.TaskFailed': 'TASK_FAILED',
};

const now = () => new Date().toISOString();

export class RunPipeline {
  constructor(
    private readonly stores: PipelineStores,
    private readonly runnerThreads: number,
  ) {}

  async prepare(input: StepInput): Promise<Prepared> {
    const { runs, specs, datasetVersions, featureSetVersions, objects } = this.stores;
    const run = await this.run(input.run_id);
    const manifestUri = objects.uri(manifestKey(run.id));
    const prepared = { manifest_uri: manifestUri, command: ['run', '--manifest', manifestUri] };
    if (run.status === 'RUNNING' && run.artifacts.manifest === manifestUri) return prepared; // a retry
    if (run.status !== 'QUEUED') {
      throw new PipelineError('RunNotRunnable', `Run ${run.id} is ${run.status}; Prepare runs QUEUED runs only.`);
    }
    const spec = await specs.get(run.run_spec_id);
    if (spec === undefined) throw new PipelineError('RunNotFound', `Run spec ${run.run_spec_id} does not exist.`);
    const stored = await datasetVersions.getById(spec.dataset_version_id);
    const dataset = stored?.version;
    if (dataset === undefined || dataset.status !== 'READY') {
      throw new PipelineError(
        'DatasetVersionNotReady',
        dataset === undefined
          ? `Dataset version ${spec.dataset_version_id} does not exist.`
          : `Dataset version ${dataset.version} of dataset ${dataset.dataset_id} is ${dataset.status}; only READY versions can run.`,
      );
    }
    const featureSet = await featureSetVersions.getById(spec.feature_set_version_id);
    if (featureSet === undefined || featureSet.status !== 'PUBLISHED') {
      throw new PipelineError(
        'FeatureSetVersionNotPublished',
        featureSet === undefined
          ? `Feature-set version ${spec.feature_set_version_id} does not exist.`
          : `Feature-set version ${featureSet.version} is a DRAFT; only PUBLISHED versions can run.`,
      );
    }
    const manifest: RunManifest = documents.RunManifest.parse({
      run_id: run.id,
      run_spec: spec,
      dataset: {
        dataset_version_id: dataset.id,
        uri: dataset.storage_uri,
        format: dataset.format,
        delimiter: dataset.delimiter,
        sha256: dataset.sha256,
        columns: dataset.columns,
      },
      feature_set_version: featureSet,
      outputs: {
        run_prefix: objects.uri(runPrefix(run.id)),
        report_prefix: objects.uri(reportPrefix(run.id)),
      },
      runner: { threads: this.runnerThreads },
    });
    await objects.putJson(manifestKey(run.id), manifest);
    const moved = await runs.transition(run.id, ['QUEUED'], 'RUNNING', {
      started_at: now(),
      execution_arn: input.execution_arn,
      console_url: consoleUrl(input.execution_arn),
      dataset_sha256: dataset.sha256,
      artifacts: { manifest: manifestUri, logs: objects.uri(logsPrefix(run.id)) },
    });
    if (moved === undefined) {
      throw new PipelineError('RunNotRunnable', `Run ${run.id} stopped being QUEUED during Prepare.`);
    }
    return prepared;
  }

  async record(input: StepInput): Promise<{ status: Run['status']; model_version_id: string | null }> {
    const { runs, specs, objects } = this.stores;
    const run = await this.run(input.run_id);
    if (run.status !== 'RUNNING') return { status: run.status, model_version_id: run.model_version_id };
    const result = await this.result(run.id);
    if (result === undefined) {
      throw new PipelineError('ResultMissing', `The runner exited 0 but left no ${resultKey(run.id)}.`);
    }
    if (result.outcome !== 'succeeded') {
      throw new PipelineError('RunnerFailed', result.failure.message);
    }
    const register = result.gate_outcome !== 'failed';
    if (register && result.runner_digest === null) {
      throw new PipelineError(
        'ResultInvalid',
        'The result carries no runner digest: a model is only registered from the runner bundle.',
      );
    }
    const modelUri = result.artifacts.model;
    const modelSource = modelUri === null ? undefined : keyOf(modelUri, objects.bucket);
    if (register && modelSource === undefined) {
      throw new PipelineError('ResultInvalid', `The result names no model in ${objects.bucket}.`);
    }
    const spec = await specs.get(run.run_spec_id);
    if (spec === undefined) throw new PipelineError('RunNotFound', `Run spec ${run.run_spec_id} does not exist.`);

    return runs.transaction(async (sql) => {
      const locked = await runs.lock(run.id, sql);
      if (locked?.status !== 'RUNNING') {
        return { status: locked?.status ?? 'FAILED', model_version_id: locked?.model_version_id ?? null };
      }
      const modelVersionId = register
        ? await this.register(sql, run, spec.model_name, result, modelSource as string)
        : null;
      const done = await runs.transition(
        run.id,
        ['RUNNING'],
        'SUCCEEDED',
        {
          finished_at: now(),
          runner_digest: result.runner_digest,
          gate_outcome: result.gate_outcome,
          gates: result.gates,
          metrics_summary: result.metrics_summary,
          model_version_id: modelVersionId,
          artifacts: { ...definedArtifacts(result), result: objects.uri(resultKey(run.id)) },
        },
        sql,
      );
      if (done === undefined) throw new Error(`run ${run.id} changed under its lock`);
      return { status: done.status, model_version_id: modelVersionId };
    });
  }

  async markFailed(input: StepInput & { readonly state?: unknown }): Promise<{ status: Run['status'] }> {
    const { runs, objects } = this.stores;
    const run = await this.stores.runs.get(input.run_id);
    if (run === undefined || !isActive(run.status)) return { status: run?.status ?? 'FAILED' };
    const result = await this.result(run.id).catch(() => undefined);
    const failure = failureOf(input.state, result);
    const failed = await runs.transition(run.id, ACTIVE_STATUSES, 'FAILED', {
      finished_at: now(),
      failure,
      execution_arn: run.execution_arn ?? input.execution_arn,
      console_url: run.console_url ?? consoleUrl(input.execution_arn),
      runner_digest: result?.runner_digest ?? null,
      artifacts: {
        ...(result === undefined ? {} : { ...definedArtifacts(result), result: objects.uri(resultKey(run.id)) }),
        model: null,
        logs: objects.uri(logsPrefix(run.id)),
      },
    });
    return { status: failed?.status ?? (await this.run(run.id)).status };
  }

  private async run(id: string): Promise<Run> {
    const run = await this.stores.runs.get(id);
    if (run === undefined) throw new PipelineError('RunNotFound', `No run has id ${id}.`);
    return run;
  }

  /** The runner's result document, or undefined when there is none. */
  private async result(runId: string): Promise<RunResult | undefined> {
    const key = resultKey(runId);
    if ((await this.stores.objects.head(key)) === undefined) return undefined;
    const parsed = documents.RunResult.safeParse(await this.stores.objects.getJson(key));
    if (!parsed.success) {
      throw new PipelineError('ResultInvalid', `${key} is not a RunResult: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  /** Adds a version to the run spec's model (created on first use); returns the version's id. */
  private async register(
    sql: Sql,
    run: Run,
    modelName: string,
    result: Extract<RunResult, { outcome: 'succeeded' }>,
    modelSource: string,
  ): Promise<string> {
    const { models, modelVersions, objects } = this.stores;
    const model = await models.ensure(modelName, 'pipeline', sql);
    const version = await models.nextVersion(model.id, sql);
    const key = modelKey(model.id, version);
    await objects.copy(modelSource, key);
    return modelVersions.insert(
      {
        model_id: model.id,
        version,
        run_id: run.id,
        lineage: {
          run_spec_id: run.run_spec_id,
          dataset_version_id: run.dataset_version_id,
          feature_set_version_id: run.feature_set_version_id,
          runner_digest: result.runner_digest as string,
          artifact_uri: objects.uri(key),
          metrics_summary: result.metrics_summary,
        },
        by: run.created_by,
      },
      sql,
    );
  }
}

/** The result's artifact URIs that are set. */
function definedArtifacts(result: RunResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.artifacts).filter(([, v]) => v !== null)) as Record<string, string>;
}

interface FailedState {
  readonly error?: { readonly Error?: string; readonly Cause?: string };
  readonly train?: {
    readonly StoppedReason?: string;
    readonly Containers?: ReadonlyArray<{ readonly ExitCode?: number; readonly Reason?: string }>;
  };
}

const SIGNALS: Readonly<Record<number, string>> = { 9: 'SIGKILL', 15: 'SIGTERM', 6: 'SIGABRT', 11: 'SIGSEGV' };

/** The run's failure from the state the pipeline failed in and the runner's result, if any. */
export function failureOf(state: unknown, result: RunResult | undefined): { code: string; message: string } {
  if (result?.outcome === 'failed') return result.failure;
  const s = (state ?? {}) as FailedState;
  // In AWS a non-zero exit fails runTask.sync itself: States.TaskFailed, the task description as the cause.
  const failedTask = s.error?.Error === 'States.TaskFailed' ? taskDescription(s.error.Cause) : undefined;
  if (failedTask !== undefined) return exitFailure(failedTask);
  if (s.error?.Error !== undefined) {
    const name = s.error.Error;
    const message = causeMessage(s.error.Cause) || name;
    const code = FAILURE_CODES[name] ?? (/^[A-Z][A-Z0-9_]*$/.test(name) ? name : 'PIPELINE_ERROR');
    return { code, message: name === 'States.Timeout' ? `Training did not finish in time: ${message}` : message };
  }
  return exitFailure(s.train ?? {});
}

type TaskDescription = NonNullable<FailedState['train']>;

/** The ECS task description in a States.TaskFailed cause, when it is one. */
function taskDescription(cause: string | undefined): TaskDescription | undefined {
  try {
    const parsed = JSON.parse(cause ?? '') as TaskDescription;
    return Array.isArray(parsed?.Containers) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The failure of a runner task that left no result, from its exit code and stop reason. */
function exitFailure(task: TaskDescription): { code: string; message: string } {
  const exit = task.Containers?.[0]?.ExitCode;
  const stopped = task.StoppedReason;
  if (exit === undefined) {
    return {
      code: 'TASK_FAILED',
      message: `The runner task stopped without an exit code${stopped ? `: ${stopped}` : '.'}`,
    };
  }
  const signal = exit > 128 ? SIGNALS[exit - 128] : undefined;
  const how = signal === undefined ? `exited with code ${exit}` : `was killed (${signal}, exit code ${exit})`;
  const oom = exit === 137 ? '; out of memory or stopped from outside' : '';
  return {
    code: 'RUNNER_EXITED',
    message: `The runner ${how}${oom} and left no result${stopped ? ` (${stopped})` : ''}; see the run's logs.`,
  };
}

/**
 * Runs from the API's side: execute a run spec (one run and one execution per idempotency key),
 * cancel, read, list, the readable steps of the execution, and presigned links to artifacts.
 * Only the pipeline (run-pipeline.ts) moves a run on from QUEUED, except cancel.
 */
import { randomUUID } from 'node:crypto';
import type { Run, RunArtifactLinks, RunEventList } from '@talaty/schemas';
import type { z } from 'zod';
import type { Executions } from '../orchestration/executions.ts';
import { consoleUrl } from '../orchestration/executions.ts';
import type { ObjectStore } from '../storage/s3.ts';
import type { DatasetVersionStore } from '../store/dataset-versions.ts';
import type { Filter, Page } from '../store/pagination.ts';
import type { RunSpecStore } from '../store/run-specs.ts';
import { ACTIVE_STATUSES, isActive, type RunStore } from '../store/runs.ts';
import { ConflictError, invalidField, NotFoundError, UnavailableError, ValidationError } from './errors.ts';
import { runEvents } from './run-events.ts';
import { artifactKey, isArtifactName, logsPrefix } from './run-layout.ts';
import { listing } from './store-errors.ts';

type ArtifactLinks = z.output<typeof RunArtifactLinks>;

export interface RunFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly status?: string | undefined;
  readonly run_spec_id?: string | undefined;
  readonly created_by?: string | undefined;
}
type EventList = z.output<typeof RunEventList>;

/** How long presigned artifact URLs last. */
const LINK_SECONDS = 15 * 60;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export class RunService {
  constructor(
    private readonly runs: RunStore,
    private readonly specs: RunSpecStore,
    private readonly datasetVersions: DatasetVersionStore,
    private readonly executions: Executions,
    private readonly objects: ObjectStore,
  ) {}

  async get(id: string): Promise<Run> {
    const found = await this.runs.get(id);
    if (found === undefined) throw new NotFoundError(`No run has id ${id}.`);
    return found;
  }

  list(query: RunFilters): Promise<Page<Run>> {
    const filters: Filter[] = [
      { op: 'eq', column: 'status', value: query.status },
      { op: 'uuid', column: 'run_spec_id', value: query.run_spec_id },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.runs.list({ limit: query.limit, cursor: query.cursor, filters }));
  }

  /**
   * Creates a QUEUED run of the run spec and starts its execution. With an idempotency key, the
   * first request of this user with the key (within 24 h) creates the run; every other gets it.
   */
  async execute(runSpecId: string, by: string, idempotencyKey: string | undefined): Promise<Run> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw invalidField('Idempotency-Key', 'must be 1–255 visible ASCII characters');
    }
    if (idempotencyKey !== undefined) {
      const earlier = await this.runs.request(by, idempotencyKey);
      if (earlier !== undefined) return this.replay(earlier, runSpecId, idempotencyKey);
    }
    const spec = await this.specs.get(runSpecId);
    if (spec === undefined) {
      throw new ValidationError(`No run spec has id ${runSpecId}.`, [
        { path: 'run_spec_id', message: 'no run spec has this id' },
      ]);
    }
    const dataset = await this.datasetVersions.summary(spec.dataset_version_id);
    const fields = {
      id: randomUUID(),
      run_spec_id: spec.id,
      dataset_version_id: spec.dataset_version_id,
      feature_set_version_id: spec.feature_set_version_id,
      dataset_sha256: dataset?.status === 'READY' ? dataset.sha256 : null,
    };
    const created = await this.runs
      .transaction(async (sql) => {
        const run = await this.runs.insert(fields, by, sql);
        if (idempotencyKey === undefined) return run;
        const { claimed } = await this.runs.claimRequest(by, idempotencyKey, spec.id, run.id, sql);
        if (!claimed) throw new LostClaim();
        return run;
      })
      .catch((error: unknown) => {
        if (error instanceof LostClaim) return undefined;
        throw error;
      });
    if (created === undefined) {
      // A concurrent request with the same key committed first: answer with its run.
      const winner = await this.runs.request(by, idempotencyKey as string);
      if (winner === undefined) throw new Error('an idempotency key was claimed but cannot be read');
      return this.replay(winner, runSpecId, idempotencyKey as string);
    }
    return this.start(created);
  }

  /** Stops a QUEUED or RUNNING run's execution (and its training task) and marks it CANCELLED. */
  async cancel(id: string, by: string): Promise<Run> {
    const run = await this.get(id);
    if (!isActive(run.status)) {
      throw new ConflictError(`Run ${id} is ${run.status}; only QUEUED or RUNNING runs can be cancelled.`);
    }
    await this.executions.stop(id, `Cancelled by ${by}.`).catch((error: unknown) => {
      throw new UnavailableError(`Step Functions did not stop the execution: ${(error as Error).message}`);
    });
    const cancelled = await this.runs.transition(id, ACTIVE_STATUSES, 'CANCELLED', {
      finished_at: new Date().toISOString(),
    });
    if (cancelled !== undefined) return cancelled;
    // The pipeline finished it between the read and the update.
    const now = await this.get(id);
    throw new ConflictError(`Run ${id} is ${now.status}; only QUEUED or RUNNING runs can be cancelled.`);
  }

  async events(id: string): Promise<EventList> {
    const run = await this.get(id);
    const history = await this.executions.history(id).catch((error: unknown) => {
      throw new UnavailableError(`Step Functions did not return the execution history: ${(error as Error).message}`);
    });
    return { run_id: id, execution_arn: run.execution_arn, items: runEvents(run, history) };
  }

  async artifact(id: string, name: string): Promise<ArtifactLinks> {
    if (!isArtifactName(name)) {
      throw invalidField(
        'name',
        'must be manifest.json, model.json, metrics.json, result.json, report.html, predictions.csv.gz, explanations.csv.gz or logs',
      );
    }
    await this.get(id);
    const found = name === 'logs' ? await this.objects.list(logsPrefix(id)) : await this.single(artifactKey(id, name));
    const expiresAt = new Date(Date.now() + LINK_SECONDS * 1000).toISOString();
    const files = [];
    for (const { key, size } of found) {
      files.push({
        file: key.replace(/^(runs|reports)\/[^/]+\//, ''),
        uri: this.objects.uri(key),
        size_bytes: size,
        url: await this.objects.presignGet(key, LINK_SECONDS),
        expires_at: expiresAt,
      });
    }
    if (files.length === 0) throw new NotFoundError(`Run ${id} has no ${name} (yet).`);
    return { run_id: id, name, files };
  }

  /** The object at `key` as a one-element listing, or none. */
  private async single(key: string): Promise<Array<{ key: string; size: number }>> {
    const head = await this.objects.head(key);
    return head === undefined ? [] : [{ key, size: head.size }];
  }

  private async replay(earlier: { runId: string; runSpecId: string }, runSpecId: string, key: string): Promise<Run> {
    if (earlier.runSpecId !== runSpecId) {
      throw new ConflictError(
        `Idempotency-Key ${key} was used within 24 h for run spec ${earlier.runSpecId}; use a new key for another run spec.`,
      );
    }
    const run = await this.get(earlier.runId);
    // The first request may have stopped between its commit and StartExecution: starting again is safe.
    return run.status === 'QUEUED' && run.execution_arn === null ? this.start(run) : run;
  }

  private async start(run: Run): Promise<Run> {
    let arn: string;
    try {
      arn = await this.executions.start(run.id);
    } catch (error) {
      const message = `Step Functions did not start the run: ${(error as Error).message}`;
      await this.runs.transition(run.id, ['QUEUED'], 'FAILED', {
        finished_at: new Date().toISOString(),
        failure: { code: 'START_FAILED', message },
      });
      throw new UnavailableError(`${message} Run ${run.id} is FAILED; execute the run spec again.`);
    }
    // Prepare may have marked it RUNNING already; it records the same ARN then.
    const started = await this.runs.transition(run.id, ['QUEUED'], 'QUEUED', {
      execution_arn: arn,
      console_url: consoleUrl(arn),
    });
    return started ?? this.get(run.id);
  }
}

/** Another request with the same idempotency key committed first. */
class LostClaim extends Error {}

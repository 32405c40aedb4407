/**
 * The run pipeline end to end on the local cloud: POST /runs/execute → the synthesized RunPipeline
 * on the local Step Functions endpoint → Prepare (Lambda) → the runner bundle as the ECS task →
 * Record (Lambda) → a registered model version; and each failure path of the issue: a dataset
 * version that is not READY, a feature reading a missing column, a runner killed mid-training, a
 * run cancelled during training. Real PostgreSQL, S3, HTTP, SigV4 and Step Functions clients.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { type DatasetVersion, type Run, type RunEvent, RunSpecCreate } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDatasetVersion, waitForProfile } from '../../client/dataset-upload.ts';
import { publishFeatureSetVersion } from '../../client/feature-sets.ts';
import { isFinished, waitForRun } from '../../client/runs.ts';
import { RunSpecStore } from '../../lambdas/store/run-specs.ts';
import { repoRoot, startTestCloud, type TestCloud } from '../local-cloud.ts';

const GERMAN = join(repoRoot, 'test/fixtures/datasets/german-credit/german_credit.csv');

let tc: TestCloud;
let datasetVersion: DatasetVersion;
let featureSetVersionId: string;
let featureSetId: string;

const api = () => ({
  get: async (path: string) => (await tc.api.get(path)).body,
  post: async (path: string, body: unknown) => {
    const answer = await tc.api.post(path, body);
    if (answer.status >= 400) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    return answer.body;
  },
});

const features = [
  { name: 'duration', source_column: 'DURATION_MONTHS', kind: 'numeric', monotone: 1 },
  { name: 'amount', source_column: 'AMOUNT', kind: 'numeric' },
  { name: 'age', source_column: 'AGE', kind: 'numeric', monotone: -1 },
  { name: 'status', source_column: 'STATUS_ACCOUNT', kind: 'categorical' },
  { name: 'history', source_column: 'CREDIT_HISTORY', kind: 'categorical' },
];

async function publishedFeatureSet(defs: unknown[]): Promise<string> {
  const content = { features: defs, target: { column: 'CLASSIFICATION', bad_value: 0 } };
  return (await publishFeatureSetVersion(api(), featureSetId, content)).id;
}

const specBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'german-gbm',
  model_name: 'german-model',
  dataset_version_id: datasetVersion.id,
  feature_set_version_id: featureSetVersionId,
  model_family: 'gbm',
  model_params: { n_trees: 60, learning_rate: 0.1, max_depth: 3, early_stopping_rounds: 10, threads: 1 },
  split_policy: { method: 'random', fractions: { train: 0.6, valid: 0.2, test: 0.2 }, seed: 7 },
  evaluation_policy: { gates: [{ metric: 'gini', split: 'test', min: 0.1 }] },
  ...overrides,
});

async function createSpec(overrides: Record<string, unknown> = {}): Promise<string> {
  return ((await api().post('/run-specs', specBody(overrides))) as { id: string }).id;
}

/** A run spec written straight to the store, past the API's checks (what the API cannot create). */
async function seedSpec(overrides: Record<string, unknown>): Promise<string> {
  const spec = await new RunSpecStore(tc.db).insert(randomUUID(), RunSpecCreate.parse(specBody(overrides)), 'seed');
  return spec.id;
}

async function execute(runSpecId: string): Promise<Run> {
  const answer = await tc.api.post<Run>('/runs/execute', { run_spec_id: runSpecId });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

const waitFor = (runId: string, until: (run: Run) => boolean) =>
  waitForRun({ get: async (path) => (await tc.api.get(path)).body }, runId, { until, intervalMs: 200 });

async function download(runId: string, name: string): Promise<{ files: Array<{ file: string; url: string }> }> {
  const answer = await tc.api.get<{ files: Array<{ file: string; url: string }> }>(`/runs/${runId}/artifacts/${name}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

/** The runner task of a run, once it is running. */
async function runningTask(runId: string): Promise<{ pid: number }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const task = tc.cloud.ecs.tasks().find((t) => t.runId === runId);
    if (task !== undefined) return task;
    if (Date.now() > deadline) throw new Error(`run ${runId} never started its task`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  tc = await startTestCloud();
  const dataset = (await api().post('/datasets', { name: 'german' })) as { id: string };
  const committed = await uploadDatasetVersion(api(), dataset.id, readFileSync(GERMAN), {
    format: 'csv',
    target_column: 'CLASSIFICATION',
  });
  datasetVersion = await waitForProfile(api(), dataset.id, committed.version);
  expect(datasetVersion.status).toBe('READY');
  featureSetId = ((await api().post('/feature-sets', { name: 'german-features' })) as { id: string }).id;
  featureSetVersionId = await publishedFeatureSet(features);
}, 180_000);

afterAll(async () => {
  await tc?.dispose();
});

describe('a run from execute to a registered model', () => {
  it('makes one run and one execution for 50 concurrent requests with the same key, and registers the model', async () => {
    const specId = await createSpec();
    const key = `key-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        tc.api.post<Run>('/runs/execute', { run_spec_id: specId }, { headers: { 'Idempotency-Key': key } }),
      ),
    );
    for (const a of answers) expect(a.status, a.text).toBe(201);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const runId = [...ids][0] as string;

    const run = await waitFor(runId, isFinished);
    expect(run.status, JSON.stringify(run)).toBe('SUCCEEDED');
    if (run.status !== 'SUCCEEDED') return;
    expect(run.gate_outcome).toBe('passed');
    expect(run.execution_arn).toMatch(new RegExp(`:execution:[^:]+:${runId}$`));
    expect(run.console_url).toContain(encodeURI(run.execution_arn).slice(0, 20));
    expect(run.runner_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(run.metrics_summary.test?.auc).toBeGreaterThan(0.6);

    const [pipeline] = tc.cloud.app.stateMachines;
    const executions = await tc.sfn.send(new ListExecutionsCommand({ stateMachineArn: pipeline?.arn }));
    expect(executions.executions?.filter((e) => e.name === runId)).toHaveLength(1);

    // The same key again, later: the same run.
    const again = await tc.api.post<Run>(
      '/runs/execute',
      { run_spec_id: specId },
      { headers: { 'Idempotency-Key': key } },
    );
    expect(again.body.id).toBe(runId);
    // The same key for another run spec is a conflict, not a silent new run.
    const other = await createSpec({ name: 'german-gbm-2' });
    const conflict = await tc.api.post(
      '/runs/execute',
      { run_spec_id: other },
      { headers: { 'Idempotency-Key': key } },
    );
    expect(conflict.status).toBe(409);

    const models = await tc.api.get<{ items: Array<{ id: string; name: string }> }>('/models');
    const model = models.body.items.find((m) => m.name === 'german-model');
    expect(model).toBeDefined();
    const version = await tc.api.get<{ items: Array<{ id: string; run_id: string; artifact_uri: string }> }>(
      `/models/${model?.id}/versions`,
    );
    const registered = version.body.items.find((v) => v.run_id === runId);
    expect(registered?.id).toBe(run.model_version_id);
    expect(registered?.artifact_uri).toMatch(new RegExp(`/models/${model?.id}/\\d+/model\\.json$`));

    const report = await download(runId, 'report.html');
    const html = await (await fetch(report.files[0]?.url as string)).text();
    expect(html).toContain('<svg');
    expect(html).toContain(runId);
    const metrics = await download(runId, 'metrics.json');
    const doc = (await (await fetch(metrics.files[0]?.url as string)).json()) as { test: { auc: number } };
    expect(doc.test.auc).toBeCloseTo(run.metrics_summary.test?.auc as number, 10);
    const logs = await download(runId, 'logs');
    expect(logs.files.map((f) => f.file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^logs\/task-.+\.log$/), 'logs/runner.jsonl']),
    );

    const events = await tc.api.get<{ items: RunEvent[] }>(`/runs/${runId}/events`);
    const steps = events.body.items.map((e) => `${e.kind}:${e.step ?? ''}`);
    expect(steps[0]).toBe('run_queued:');
    for (const step of ['Prepare', 'Train', 'Record']) {
      expect(steps).toContain(`step_started:${step}`);
      expect(steps).toContain(`step_succeeded:${step}`);
    }
    expect(steps.at(-1)).toBe('run_succeeded:');
  }, 180_000);

  it('keeps a run whose gates fail SUCCEEDED with its artifacts and registers no model', async () => {
    const specId = await createSpec({
      name: 'german-strict',
      model_name: 'german-strict-model',
      evaluation_policy: { gates: [{ metric: 'gini', split: 'test', min: 0.99 }] },
    });
    const run = await waitFor((await execute(specId)).id, isFinished);
    expect(run.status).toBe('SUCCEEDED');
    if (run.status !== 'SUCCEEDED') return;
    expect(run.gate_outcome).toBe('failed');
    expect(run.model_version_id).toBeNull();
    expect(run.gates[0]?.passed).toBe(false);
    expect((await tc.api.get(`/runs/${run.id}/artifacts/model.json`)).status).toBe(200);
    const models = await tc.api.get<{ items: Array<{ name: string }> }>('/models');
    expect(models.body.items.map((m) => m.name)).not.toContain('german-strict-model');
  }, 120_000);
});

describe('a Parquet dataset version', () => {
  it('trains in the bundled runner to the same metrics as its CSV', async () => {
    const dataset = (await api().post('/datasets', { name: 'german-parquet' })) as { id: string };
    const parquet = readFileSync(join(repoRoot, 'test/fixtures/parquet/german-credit.parquet'));
    const committed = await uploadDatasetVersion(api(), dataset.id, parquet, {
      format: 'parquet',
      target_column: 'CLASSIFICATION',
    });
    const version = await waitForProfile(api(), dataset.id, committed.version);
    expect(version.status).toBe('READY');
    const [fromCsv, fromParquet] = await Promise.all(
      [datasetVersion.id, version.id].map(async (id) =>
        waitFor((await execute(await createSpec({ name: `german-${id}`, dataset_version_id: id }))).id, isFinished),
      ),
    );
    expect(fromParquet?.status, JSON.stringify(fromParquet?.failure)).toBe('SUCCEEDED');
    expect(fromParquet?.metrics_summary).toEqual(fromCsv?.metrics_summary);
  }, 180_000);
});

describe('failure paths', () => {
  it('fails at Prepare, with the reason, when the dataset version is not READY', async () => {
    const dataset = (await api().post('/datasets', { name: 'german-pending' })) as { id: string };
    const pending = (await api().post(`/datasets/${dataset.id}/versions`, { format: 'csv', size_bytes: 100 })) as {
      id: string;
    };
    const specId = await seedSpec({ name: 'pending', dataset_version_id: pending.id });
    const run = await waitFor((await execute(specId)).id, isFinished);
    expect(run.status).toBe('FAILED');
    if (run.status !== 'FAILED') return;
    expect(run.failure.code).toBe('DATASET_NOT_READY');
    expect(run.failure.message).toMatch(/PENDING_UPLOAD; only READY versions can run/);
    const events = await tc.api.get<{ items: RunEvent[] }>(`/runs/${run.id}/events`);
    expect(events.body.items.find((e) => e.kind === 'step_failed')?.step).toBe('Prepare');
  }, 60_000);

  it('fails in the runner, naming the column, when a feature reads a column the dataset lacks', async () => {
    const fsv = await publishedFeatureSet([...features, { name: 'income', source_column: 'INCOME', kind: 'numeric' }]);
    const specId = await seedSpec({ name: 'missing-column', feature_set_version_id: fsv });
    const run = await waitFor((await execute(specId)).id, isFinished);
    expect(run.status).toBe('FAILED');
    if (run.status !== 'FAILED') return;
    expect(run.failure.code).toBe('MISSING_COLUMN');
    expect(run.failure.message).toContain('INCOME');
    expect(run.model_version_id).toBeNull();
    const logs = await download(run.id, 'logs');
    expect(logs.files.some((f) => f.file.startsWith('logs/task-'))).toBe(true);
  }, 60_000);

  const longSpec = (name: string) =>
    createSpec({
      name,
      model_name: `${name}-model`,
      model_params: { n_trees: 10_000, learning_rate: 0.001, max_depth: 6, early_stopping_rounds: 0, threads: 1 },
      evaluation_policy: { gates: [] },
    });

  it('ends FAILED, registers nothing and keeps the logs when the runner is killed mid-training', async () => {
    const run = await execute(await longSpec('killed'));
    const task = await runningTask(run.id);
    await waitFor(run.id, (r) => r.status === 'RUNNING');
    // Into training: the runner has logged its start (the log is uploaded after the kill).
    await new Promise((r) => setTimeout(r, 2500));
    expect(alive(task.pid)).toBe(true);
    process.kill(task.pid, 'SIGKILL');
    const failed = await waitFor(run.id, isFinished);
    expect(failed.status).toBe('FAILED');
    if (failed.status !== 'FAILED') return;
    expect(failed.failure.code).toBe('RUNNER_EXITED');
    expect(failed.failure.message).toContain('SIGKILL');
    expect(failed.model_version_id).toBeNull();
    const logs = await download(run.id, 'logs');
    const log = await (await fetch(logs.files.find((f) => f.file.startsWith('logs/task-'))?.url as string)).text();
    expect(log).toMatch(/train/i);
  }, 120_000);

  it('ends CANCELLED and stops the runner when cancelled during training', async () => {
    const run = await execute(await longSpec('cancelled'));
    const task = await runningTask(run.id);
    await waitFor(run.id, (r) => r.status === 'RUNNING');
    const answer = await tc.api.post<Run>(`/runs/${run.id}/cancel`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.status).toBe('CANCELLED');
    const deadline = Date.now() + 30_000;
    while (alive(task.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(task.pid)).toBe(false);
    // Nothing later in the pipeline revives it.
    await new Promise((r) => setTimeout(r, 1000));
    const after = (await tc.api.get<Run>(`/runs/${run.id}`)).body;
    expect(after.status).toBe('CANCELLED');
    expect(after.model_version_id).toBeNull();
    expect((await tc.api.post(`/runs/${run.id}/cancel`)).status).toBe(409);
  }, 120_000);
});

describe('bad requests', () => {
  it('names the field and the problem', async () => {
    const noSpec = await tc.api.post<{ error: { details: Array<{ path: string }> } }>('/runs/execute', {});
    expect(noSpec.status).toBe(400);
    expect(noSpec.body.error.details[0]?.path).toBe('run_spec_id');
    const unknown = await tc.api.post<{ error: { details: Array<{ path: string }> } }>('/runs/execute', {
      run_spec_id: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]?.path).toBe('run_spec_id');
    const badKey = await tc.api.post(
      '/runs/execute',
      { run_spec_id: randomUUID() },
      { headers: { 'Idempotency-Key': 'a b' } },
    );
    expect(badKey.status).toBe(400);
    const specId = await createSpec({ name: 'artifact-names' });
    const run = await execute(specId);
    const badName = await tc.api.get<{ error: { details: Array<{ path: string }> } }>(
      `/runs/${run.id}/artifacts/secrets.txt`,
    );
    expect(badName.status).toBe(400);
    expect(badName.body.error.details[0]?.path).toBe('name');
    expect((await tc.api.get(`/runs/${randomUUID()}/events`)).status).toBe(404);
    await waitFor(run.id, isFinished);
  }, 120_000);
});

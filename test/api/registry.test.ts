/**
 * Run specs (immutable, only against runnable versions), runs and models with their versions
 * (read-only over HTTP; their rows are seeded the way the pipeline will write them), and dataset,
 * feature-set and model versions read by the uuid that pins them.
 */
import { randomUUID } from 'node:crypto';
import { documents, exampleOf } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';
import { seedModelVersion, seedReadyDatasetVersion, seedRun } from '../seed.ts';

let t: TestCloud;
let datasetVersionId: string;
let featureSetVersionId: string;
let draftVersionId: string;

beforeAll(async () => {
  t = await startTestCloud();
  const dataset = await t.api.post<{ id: string }>('/datasets', { name: 'hmeq' });
  const columns = ['BAD', 'LOAN', 'REASON', 'DEBTINC'].map((name) => ({ name, type: 'number', missing_count: 0 }));
  datasetVersionId = (await seedReadyDatasetVersion(t.db, dataset.body.id, columns)).id;
  const set = await t.api.post<{ id: string }>('/feature-sets', { name: 'hmeq-features' });
  const base = `/feature-sets/${set.body.id}/versions`;
  const features = [
    { name: 'loan', source_column: 'LOAN', kind: 'numeric' },
    { name: 'reason', source_column: 'REASON', kind: 'categorical' },
  ];
  const v1 = await t.api.post<{ id: string }>(base, { target: { column: 'BAD' }, features });
  featureSetVersionId = v1.body.id;
  await t.api.post(`${base}/1/publish`, undefined, { headers: { 'If-Match': '1' } });
  const v2 = await t.api.post<{ id: string }>(base, {
    target: { column: 'BAD' },
    features: [...features, { name: 'income', source_column: 'INCOME', kind: 'numeric' }],
  });
  draftVersionId = v2.body.id;
}, 240_000);
afterAll(async () => t?.dispose());

const specBody = () => ({
  name: 'hmeq-baseline',
  model_name: 'hmeq-pd',
  dataset_version_id: datasetVersionId,
  feature_set_version_id: featureSetVersionId,
  model_family: 'gbm',
  model_params: { n_trees: 50, max_depth: 3 },
});

describe('run specs', () => {
  it('creates an immutable run spec with defaults filled in, and lists it by model', async () => {
    const created = await t.api.post<{ id: string; model_params: { n_trees: number; learning_rate: number } }>(
      '/run-specs',
      specBody(),
    );
    expect(created.status).toBe(201);
    const spec = documents.RunSpec.parse(created.body);
    expect(spec.model_params.n_trees).toBe(50);
    expect(spec.split_policy.method).toBe('random');
    const read = await t.api.get(`/run-specs/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const listed = await t.api.get<{ items: Array<{ id: string }> }>('/run-specs?model_name=hmeq-pd');
    expect(listed.body.items.map((s) => s.id)).toEqual([created.body.id]);
    const byDataset = await t.api.get<{ items: unknown[] }>(`/run-specs?dataset_version_id=${datasetVersionId}`);
    expect(byDataset.body.items).toHaveLength(1);
    const notAllowed = await t.api.patch(`/run-specs/${created.body.id}`, { name: 'changed' });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body).toMatchObject({ error: { code: 'MISSING_AUTHENTICATION_TOKEN' } });
    await expect(
      t.db.execute("UPDATE run_specs SET name = 'changed' WHERE id = :id::uuid", { id: created.body.id }),
    ).rejects.toThrow(/run specs are immutable/);
  });

  it('refuses versions that cannot run, naming the field', async () => {
    const draft = await t.api.post('/run-specs', { ...specBody(), feature_set_version_id: draftVersionId });
    expect(draft.status).toBe(400);
    expect(draft.body).toMatchObject({
      error: { details: [{ path: 'feature_set_version_id', message: expect.stringMatching(/DRAFT/) }] },
    });
    const unknown = await t.api.post('/run-specs', { ...specBody(), dataset_version_id: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { details: [{ path: 'dataset_version_id' }] } });
    const rules = await t.api.post('/run-specs', {
      ...specBody(),
      model_params: { early_stopping_rounds: 10 },
      split_policy: { method: 'random', fractions: { train: 0.8, valid: 0, test: 0.2 } },
    });
    expect(rules.status).toBe(400);
    expect(rules.body).toMatchObject({ error: { details: [{ path: 'split_policy.fractions.valid' }] } });
  });

  it('refuses a feature set that reads a column the dataset version lacks', async () => {
    const set = await t.api.post<{ id: string }>('/feature-sets', { name: 'needs-income' });
    const base = `/feature-sets/${set.body.id}/versions`;
    const v = await t.api.post<{ id: string }>(base, {
      target: { column: 'BAD' },
      features: [{ name: 'income', source_column: 'INCOME', kind: 'numeric' }],
    });
    await t.api.post(`${base}/1/publish`, undefined, { headers: { 'If-Match': '1' } });
    const answer = await t.api.post('/run-specs', { ...specBody(), feature_set_version_id: v.body.id });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { details: [{ path: 'feature_set_version_id', message: expect.stringContaining('"INCOME"') }] },
    });
  });
});

describe('runs and models (read-only)', () => {
  it('reads and lists runs with status filters', async () => {
    const spec = await t.api.post<{ id: string }>('/run-specs', { ...specBody(), name: 'for-runs' });
    const refs = {
      id: spec.body.id,
      dataset_version_id: datasetVersionId,
      feature_set_version_id: featureSetVersionId,
    };
    const queued = await seedRun(t.db, refs, 'QUEUED');
    const failed = await seedRun(t.db, refs, 'FAILED');
    const run = await t.api.get(`/runs/${failed}`);
    expect(run.status).toBe(200);
    expect(documents.Run.parse(run.body)).toMatchObject({ id: failed, status: 'FAILED', run_spec_id: spec.body.id });
    const onlyQueued = await t.api.get<{ items: Array<{ id: string }> }>(
      `/runs?status=QUEUED&run_spec_id=${spec.body.id}`,
    );
    expect(onlyQueued.body.items.map((r) => r.id)).toEqual([queued]);
    expect((await t.api.post('/runs', {})).status).toBe(403);
    expect((await t.api.get(`/runs/${randomUUID()}`)).status).toBe(404);
  });

  it('reads models and their versions, filtered by stage and alias', async () => {
    const spec = await t.api.post<{ id: string }>('/run-specs', { ...specBody(), name: 'for-models' });
    const refs = {
      id: spec.body.id,
      dataset_version_id: datasetVersionId,
      feature_set_version_id: featureSetVersionId,
    };
    const first = await seedModelVersion(t.db, 'hmeq-pd', await seedRun(t.db, refs));
    await seedModelVersion(t.db, 'hmeq-pd', await seedRun(t.db, refs));
    const model = await t.api.get(`/models/${first.modelId}`);
    expect(documents.Model.parse(model.body)).toMatchObject({ name: 'hmeq-pd' });
    const newest = await t.api.get<{ stage: string }>(`/models/${first.modelId}/versions/2`);
    expect(model.body).toMatchObject({ latest_version: { version: 2, stage: newest.body.stage } });
    const listed = await t.api.get<{ items: Array<{ name: string }> }>('/models?name_prefix=hmeq');
    expect(listed.body.items.map((m) => m.name)).toEqual(['hmeq-pd']);
    const versions = await t.api.get<{ items: Array<{ version: number }> }>(`/models/${first.modelId}/versions`);
    expect(versions.body.items.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await t.api.get(`/models/${first.modelId}/versions/1`);
    expect(documents.ModelVersion.parse(v1.body)).toMatchObject({
      version: 1,
      stage: 'staging',
      metrics_summary: exampleOf(documents.ModelVersion).metrics_summary,
    });
    const byAlias = await t.api.get<{ items: Array<{ version: number }> }>(
      `/models/${first.modelId}/versions?alias=v2`,
    );
    expect(byAlias.body.items.map((v) => v.version)).toEqual([2]);
    expect((await t.api.post('/models', { name: 'manual' })).status).toBe(403);

    // A run's model_version_id finds its version, and the URL it lives at, in one call.
    const byId = await t.api.get<{ id: string; model_id: string; version: number }>(`/model-versions/${first.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(v1.body);
    expect(byId.headers.get('content-location')).toBe(`/models/${first.modelId}/versions/1`);
    expect(byId.headers.get('etag')).toBe(v1.headers.get('etag'));
    await expect(
      t.db.execute("UPDATE model_versions SET lineage = '{}' WHERE id = :id::uuid", { id: first.id }),
    ).rejects.toThrow(/lineage cannot change/);
  });
});

describe('versions by the uuid that pins them', () => {
  it('reads a dataset, feature-set or model version by its id, naming where it lives', async () => {
    const dataset = await t.api.get<{ id: string; dataset_id: string; version: number }>(
      `/dataset-versions/${datasetVersionId}`,
    );
    expect(dataset.status).toBe(200);
    expect(documents.DatasetVersion.parse(dataset.body)).toMatchObject({ id: datasetVersionId, status: 'READY' });
    const datasetUrl = `/datasets/${dataset.body.dataset_id}/versions/${dataset.body.version}`;
    expect(dataset.headers.get('content-location')).toBe(datasetUrl);
    expect((await t.api.get(datasetUrl)).body).toEqual(dataset.body);

    const published = await t.api.get<{ feature_set_id: string; version: number }>(
      `/feature-set-versions/${featureSetVersionId}`,
    );
    expect(documents.FeatureSetVersion.parse(published.body)).toMatchObject({ id: featureSetVersionId, version: 1 });
    const setUrl = `/feature-sets/${published.body.feature_set_id}/versions/1`;
    expect(published.headers.get('content-location')).toBe(setUrl);
    expect(published.headers.get('etag')).toBeNull();
    // A draft answers its row version as ETag, as under its own URL.
    const draft = await t.api.get(`/feature-set-versions/${draftVersionId}`);
    expect(draft.body).toMatchObject({ status: 'DRAFT', version: 2 });
    expect(draft.headers.get('etag')).toBe((await t.api.get(`${setUrl.slice(0, -1)}2`)).headers.get('etag'));

    // Each list names its items' newest version, so a list page needs no call per item.
    const datasets = await t.api.get<{ items: unknown[] }>('/datasets?name_prefix=hmeq');
    expect(datasets.body.items).toEqual([
      expect.objectContaining({ id: dataset.body.dataset_id, latest_version: { version: 1, status: 'READY' } }),
    ]);
    const sets = await t.api.get<{ items: unknown[] }>('/feature-sets?name_prefix=hmeq');
    expect(sets.body.items).toEqual([
      expect.objectContaining({ id: published.body.feature_set_id, latest_version: { version: 2, status: 'DRAFT' } }),
    ]);

    for (const collection of ['dataset-versions', 'feature-set-versions', 'model-versions']) {
      const missing = await t.api.get(`/${collection}/${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/has id/) } });
      const malformed = await t.api.get(`/${collection}/v1`);
      expect(malformed.status).toBe(400);
      const param = `${collection.slice(0, -1).replaceAll('-', '_')}_id`;
      expect(malformed.body).toMatchObject({ error: { details: [{ path: param }] } });
    }
  });
});

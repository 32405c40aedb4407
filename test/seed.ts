/**
 * Rows that only later capabilities create (a READY dataset version from profiling, runs from
 * execute, model versions from the pipeline), written straight to the database through the Data API
 * so the read side of the API can be tested now. Values follow the v0 schemas' examples.
 */
import { randomUUID } from 'node:crypto';
import { documents, exampleOf } from '@talaty/schemas';
import { type Database, json, uuid } from '../lambdas/store/data-api.ts';

export async function seedReadyDatasetVersion(
  db: Database,
  datasetId: string,
  columns: Array<{ name: string; type: string; missing_count: number }>,
): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const [parent] = await db.query<{ latest_version: number }>(
    'UPDATE datasets SET latest_version = latest_version + 1 WHERE id = :id RETURNING latest_version',
    { id: uuid(datasetId) },
  );
  if (parent === undefined) throw new Error(`no dataset ${datasetId}`);
  const version = Number(parent.latest_version);
  await db.execute(
    `INSERT INTO dataset_versions (id, dataset_id, version, status, format, delimiter, size_bytes, storage_uri,
       sha256, row_count, columns, profile_uri, created_by)
     VALUES (:id, :dataset_id, :version, 'READY', 'csv', ',', 1000, :uri, :sha, 100, :columns, :profile, 'seed')`,
    {
      id: uuid(id),
      dataset_id: uuid(datasetId),
      version,
      uri: `s3://talaty-local/datasets/${datasetId}/${version}/data.csv`,
      sha: 'a'.repeat(64),
      columns: json(columns),
      profile: `s3://talaty-local/datasets/${datasetId}/${version}/profile.json`,
    },
  );
  return { id, version };
}

export async function seedRun(
  db: Database,
  spec: { id: string; dataset_version_id: string; feature_set_version_id: string },
  status: 'QUEUED' | 'FAILED' = 'QUEUED',
): Promise<string> {
  const id = randomUUID();
  const example = exampleOf(documents.Run, status === 'QUEUED' ? 2 : 1) as Record<string, unknown>;
  const {
    id: _id,
    run_spec_id,
    dataset_version_id,
    feature_set_version_id,
    status: _s,
    created_by,
    created_at,
    updated_at,
    ...content
  } = example;
  await db.execute(
    `INSERT INTO runs (id, run_spec_id, dataset_version_id, feature_set_version_id, status, content, created_by)
     VALUES (:id, :spec, :dv, :fv, :status, :content, 'seed')`,
    {
      id: uuid(id),
      spec: uuid(spec.id),
      dv: uuid(spec.dataset_version_id),
      fv: uuid(spec.feature_set_version_id),
      status,
      content: json(content),
    },
  );
  return id;
}

export async function seedModelVersion(db: Database, modelName: string, runId: string) {
  const example = exampleOf(documents.ModelVersion) as Record<string, unknown>;
  const [model] = await db.query<{ id: string }>(
    `INSERT INTO models (id, name, created_by, updated_by) VALUES (:id, :name, 'pipeline', 'pipeline')
     ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    { id: uuid(randomUUID()), name: modelName },
  );
  if (model === undefined) throw new Error('no model row');
  const [counter] = await db.query<{ latest_version: number }>(
    'UPDATE models SET latest_version = latest_version + 1 WHERE id = :id RETURNING latest_version',
    { id: uuid(model.id) },
  );
  const version = Number(counter?.latest_version);
  const id = randomUUID();
  const lineage = {
    run_spec_id: example.run_spec_id,
    dataset_version_id: example.dataset_version_id,
    feature_set_version_id: example.feature_set_version_id,
    runner_digest: example.runner_digest,
    artifact_uri: `s3://talaty-local/models/${model.id}/${version}/model.json`,
    metrics_summary: example.metrics_summary,
  };
  await db.execute(
    `INSERT INTO model_versions (id, model_id, version, run_id, lineage, stage, aliases, created_by, updated_by)
     VALUES (:id, :model, :version, :run, :lineage, 'staging', :aliases, 'pipeline', 'pipeline')`,
    {
      id: uuid(id),
      model: uuid(model.id),
      version,
      run: uuid(runId),
      lineage: json(lineage),
      aliases: json([`v${version}`]),
    },
  );
  return { modelId: model.id, version, id };
}

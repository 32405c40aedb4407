/**
 * What the e2e tests seed through the API before a page opens: the German credit data as a READY
 * dataset version and its features (client/runs.ts waits for runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetVersion } from '@talaty/schemas';
import { expect } from 'vitest';
import { type UploadApi, uploadDatasetVersion, waitForProfile } from '../../client/dataset-upload.ts';
import { repoRoot } from '../local-cloud.ts';
import type { E2eCloud } from './cloud.ts';

export const GERMAN = join(repoRoot, 'test/fixtures/datasets/german-credit/german_credit.csv');

/** Five features of the German credit data (two monotone), and its target. */
export const GERMAN_FEATURES = [
  { name: 'duration', source_column: 'DURATION_MONTHS', kind: 'numeric', monotone: 1 },
  { name: 'amount', source_column: 'AMOUNT', kind: 'numeric' },
  { name: 'age', source_column: 'AGE', kind: 'numeric', monotone: -1 },
  { name: 'status', source_column: 'STATUS_ACCOUNT', kind: 'categorical' },
  { name: 'history', source_column: 'CREDIT_HISTORY', kind: 'categorical' },
];
export const GERMAN_TARGET = { column: 'CLASSIFICATION', bad_value: 0 };

/** The local cloud's API for seeding: parsed bodies, and an error thrown for any 4xx or 5xx. */
export function seedApi(e2e: E2eCloud): UploadApi {
  const client = e2e.cloud.api;
  const ok = async (answer: Promise<{ status: number; body: unknown; text: string }>) => {
    const a = await answer;
    if (a.status >= 400) throw new Error(`${a.status} ${a.text}`);
    return a.body;
  };
  return {
    get: (path: string) => ok(client.get(path)),
    post: (path: string, body: unknown) => ok(client.post(path, body)),
  };
}

/** A new dataset named `name` whose first version, the German credit CSV, is READY. */
export async function seedGermanDataset(api: UploadApi, name: string): Promise<DatasetVersion> {
  const dataset = (await api.post('/datasets', { name })) as { id: string };
  const committed = await uploadDatasetVersion(api, dataset.id, readFileSync(GERMAN), {
    format: 'csv',
    target_column: 'CLASSIFICATION',
  });
  const version = await waitForProfile(api, dataset.id, committed.version);
  expect(version.status).toBe('READY');
  return version;
}

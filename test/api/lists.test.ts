/**
 * Cursor pagination on every list of the API: three items paged two at a time come back newest
 * first, each exactly once, and a cursor does not carry over to another list. Also the update
 * paths not covered elsewhere (feature sets, features' 404/412/428), the web app's reading of a
 * whole list past one page, and dev auth switched off.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, createApi } from '../../web/src/lib/api.ts';
import type { ApiClient } from '../api-client.ts';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';
import { seedModelVersion, seedReadyDatasetVersion, seedRun } from '../seed.ts';

let t: TestCloud;
type List = { path: string; ids: string[] };
const lists: Record<string, List> = {};
const listOf = (name: string): List => lists[name] as List;

type Page = { items: Array<{ id: string }>; next_cursor: string | null };

async function everyPage(api: ApiClient, path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = `${path}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page = await api.get<Page>(url);
    expect(page.status, url).toBe(200);
    ids.push(...page.body.items.map((i) => i.id));
    cursor = page.body.next_cursor;
    pages++;
  } while (cursor !== null && pages < 10);
  return { ids, pages };
}

beforeAll(async () => {
  t = await startTestCloud();
  const create = async (path: string, bodies: unknown[]) => {
    const ids: string[] = [];
    for (const body of bodies) {
      const answer = await t.api.post<{ id: string }>(path, body);
      expect(answer.status, `${path} ${answer.text}`).toBe(201);
      ids.push(answer.body.id);
    }
    return ids;
  };
  const three = (prefix: string) => [0, 1, 2].map((i) => `${prefix}-${i}`);
  lists.datasets = {
    path: '/datasets',
    ids: await create(
      '/datasets',
      three('ds').map((name) => ({ name })),
    ),
  };
  lists.features = {
    path: '/features',
    ids: await create(
      '/features',
      three('f').map((name) => ({ name, source_column: name, kind: 'numeric' })),
    ),
  };
  lists.featureSets = {
    path: '/feature-sets',
    ids: await create(
      '/feature-sets',
      three('fs').map((name) => ({ name })),
    ),
  };
  const set = lists.featureSets.ids[0] as string;
  const versionBody = { target: { column: 'BAD' }, features: [{ name: 'x', source_column: 'X', kind: 'numeric' }] };
  const versionIds = await create(`/feature-sets/${set}/versions`, [versionBody, versionBody, versionBody]);
  lists.versions = { path: `/feature-sets/${set}/versions`, ids: versionIds };
  await t.api.post(`/feature-sets/${set}/versions/1/publish`, undefined, { headers: { 'If-Match': '1' } });
  const dataset = lists.datasets.ids[0] as string;
  const columns = ['BAD', 'X'].map((name) => ({ name, type: 'number', missing_count: 0 }));
  const datasetVersion = await seedReadyDatasetVersion(t.db, dataset, columns);
  const spec = (name: string) => ({
    name,
    model_name: 'paged-model',
    dataset_version_id: datasetVersion.id,
    feature_set_version_id: versionIds[0],
    model_family: 'gbm',
  });
  lists.runSpecs = { path: '/run-specs', ids: await create('/run-specs', three('rs').map(spec)) };
  const refs = {
    id: lists.runSpecs.ids[0] as string,
    dataset_version_id: datasetVersion.id,
    feature_set_version_id: versionIds[0] as string,
  };
  const runs = [await seedRun(t.db, refs), await seedRun(t.db, refs), await seedRun(t.db, refs)];
  const modelVersions = [];
  for (const run of runs) modelVersions.push(await seedModelVersion(t.db, 'paged-model', run));
  const modelId = modelVersions[0]?.modelId as string;
  lists.modelVersions = { path: `/models/${modelId}/versions`, ids: modelVersions.map((v) => v.id) };
  const otherModels = [];
  for (const name of ['m-1', 'm-2']) {
    const extraRun = await seedRun(t.db, refs);
    runs.push(extraRun);
    otherModels.push((await seedModelVersion(t.db, name, extraRun)).modelId);
  }
  lists.runs = { path: '/runs', ids: runs };
  lists.models = { path: '/models', ids: [modelId, ...otherModels] };
}, 240_000);
afterAll(async () => t?.dispose());

describe('every list pages newest first, each item once', () => {
  it.each(['datasets', 'features', 'featureSets', 'versions', 'runSpecs', 'runs', 'models', 'modelVersions'])(
    '%s',
    async (name) => {
      const list = lists[name] as { path: string; ids: string[] };
      const { ids, pages } = await everyPage(t.api, list.path, 2);
      expect(pages).toBe(Math.ceil(list.ids.length / 2));
      expect(ids).toEqual([...list.ids].reverse());
    },
  );

  it('refuses a cursor from another list or with other filters', async () => {
    const page = await t.api.get<Page>('/features?limit=1');
    const cursor = encodeURIComponent(page.body.next_cursor as string);
    const elsewhere = await t.api.get<{ error: { details: Array<{ path: string }> } }>(
      `/datasets?limit=1&cursor=${cursor}`,
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details[0]?.path).toBe('cursor');
    expect((await t.api.get(`/features?limit=1&kind=numeric&cursor=${cursor}`)).status).toBe(400);
    expect((await t.api.get(`/features?limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  it('answers 404 for the versions of a feature set that does not exist', async () => {
    expect((await t.api.get(`/feature-sets/${randomUUID()}/versions`)).status).toBe(404);
    expect((await t.api.get(`/models/${randomUUID()}/versions`)).status).toBe(404);
  });

  it('parses numbers strictly in paths and queries', async () => {
    const set = listOf('featureSets').ids[0] as string;
    for (const version of ['01', '1.0', '0x1', '0']) {
      expect((await t.api.get(`/feature-sets/${set}/versions/${version}`)).status, version).toBe(400);
    }
    expect((await t.api.get('/datasets?limit=0x5')).status).toBe(400);
    expect((await t.api.get('/datasets?limit=201')).status).toBe(400);
  });
});

describe("the web app's reading of a whole list", () => {
  it('follows the cursor past a page of 200, keeping the filters', async () => {
    const names = Array.from({ length: 205 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(
        names.slice(i, i + 25).map(async (name, k) => {
          const kind = (i + k) % 5 === 0 ? 'categorical' : 'numeric';
          const answer = await t.api.post('/features', { name, source_column: 'X', kind });
          expect(answer.status, answer.text).toBe(201);
        }),
      );
    }
    const web = createApi(t.cloud.apiUrl, { authenticate: async () => ({ 'x-user': 'web-lister' }) });
    const all = await allPages<{ id: string; name: string }>(web, 'features?name_prefix=bulk-');
    expect(all.next_cursor).toBeNull();
    // Each once (created 25 at a time, so in no fixed order).
    expect(all.items.map((f) => f.name).sort()).toEqual(names);
    const categorical = await allPages<{ name: string }>(web, 'features?name_prefix=bulk-&kind=categorical');
    expect(categorical.items).toHaveLength(41);
  });
});

describe('updates', () => {
  it('renames a feature set under If-Match, refusing a taken name', async () => {
    const [first, second] = listOf('featureSets').ids as [string, string];
    const taken = await t.api.patch(`/feature-sets/${first}`, { name: 'fs-1' }, { headers: { 'If-Match': '1' } });
    expect(taken.status).toBe(409);
    const renamed = await t.api.patch<{ name: string; row_version: number }>(
      `/feature-sets/${first}`,
      { name: 'fs-renamed', tags: ['cards'] },
      { headers: { 'If-Match': '"1"' } },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'fs-renamed', row_version: 2 });
    const weak = await t.api.patch(`/feature-sets/${second}`, { tags: [] }, { headers: { 'If-Match': 'W/"1"' } });
    expect(weak.status).toBe(412);
    const empty = await t.api.patch(`/feature-sets/${second}`, {}, { headers: { 'If-Match': '1' } });
    expect(empty.status).toBe(400);
  });

  it('answers 404, 412 and 428 on feature updates', async () => {
    const id = listOf('features').ids[0] as string;
    expect(
      (await t.api.patch(`/features/${randomUUID()}`, { monotone: 1 }, { headers: { 'If-Match': '1' } })).status,
    ).toBe(404);
    expect((await t.api.patch(`/features/${id}`, { monotone: 1 })).status).toBe(428);
    expect((await t.api.patch(`/features/${id}`, { monotone: 1 }, { headers: { 'If-Match': '7' } })).status).toBe(412);
    const kindChange = await t.api.patch<{ kind: string; monotone: number; missing_policy: unknown }>(
      `/features/${id}`,
      { kind: 'categorical' },
      { headers: { 'If-Match': '1' } },
    );
    expect(kindChange.status).toBe(200);
    expect(kindChange.body).toMatchObject({ kind: 'categorical', monotone: 0, missing_policy: { strategy: 'learn' } });
  });
});

describe('with dev auth off', () => {
  it('refuses X-User and still accepts SigV4', async () => {
    const strict = await startTestCloud(undefined, { TALATY_DEV_AUTH: 'off' });
    try {
      const devUser = await strict.api.get('/health', { auth: { kind: 'x-user', user: 'alice' } });
      expect(devUser.status).toBe(403);
      expect((await strict.api.get('/health')).status).toBe(200);
      const preflight = await fetch(`${strict.cloud.apiUrl}/datasets`, { method: 'OPTIONS' });
      expect(preflight.headers.get('access-control-allow-headers')).not.toMatch(/x-user/i);
    } finally {
      await strict.dispose();
    }
  });
});

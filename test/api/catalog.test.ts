/**
 * Datasets, features and feature sets over real HTTP: create, read, update under If-Match, list
 * with filters and cursors; the answers match the v0 schemas.
 */
import { documents } from '@talaty/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../api-client.ts';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';

let t: TestCloud;
let api: ApiClient;

beforeAll(async () => {
  t = await startTestCloud();
  api = t.api;
}, 240_000);
afterAll(async () => t?.dispose());

type Page<T> = { items: T[]; next_cursor: string | null };
type Entity = {
  id: string;
  name: string;
  row_version: number;
  description: string;
  tags: string[];
  created_by: string;
};

describe('datasets', () => {
  it('creates, reads, updates with If-Match and answers the Dataset schema', async () => {
    const created = await api.post<Entity>('/datasets', { name: 'taiwan-default', tags: ['cards'] });
    expect(created.status).toBe(201);
    expect(documents.Dataset.parse(created.body)).toMatchObject({
      name: 'taiwan-default',
      description: '',
      tags: ['cards'],
      latest_version: null,
      created_by: 'talaty-local',
      row_version: 1,
    });
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/datasets/${created.body.id}`);

    const read = await api.get<Entity>(`/datasets/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await api.patch<Entity>(
      `/datasets/${created.body.id}`,
      { description: 'UCI default of credit card clients' },
      { headers: { 'If-Match': '"1"' }, auth: { kind: 'x-user', user: 'bob' } },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      description: 'UCI default of credit card clients',
      row_version: 2,
      created_by: 'talaty-local',
      updated_by: 'bob',
    });
    expect(updated.headers.get('etag')).toBe('"2"');

    const stale = await api.patch(`/datasets/${created.body.id}`, { tags: [] }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { code: 'PRECONDITION_FAILED' } });

    const viaBody = await api.patch<Entity>(`/datasets/${created.body.id}`, { tags: [], row_version: 2 });
    expect(viaBody.status).toBe(200);
    expect(viaBody.body.tags).toEqual([]);

    const noVersion = await api.patch(`/datasets/${created.body.id}`, { tags: ['x'] });
    expect(noVersion.status).toBe(428);
  });

  it('refuses a taken name with 409 and an unknown id with 404', async () => {
    expect((await api.post('/datasets', { name: 'dupe' })).status).toBe(201);
    const again = await api.post('/datasets', { name: 'dupe' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'CONFLICT', details: [{ path: 'name' }] } });
    const missing = await api.get('/datasets/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const notUuid = await api.get('/datasets/not-a-uuid');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body).toMatchObject({ error: { details: [{ path: 'dataset_id' }] } });
  });

  it('pages through a list newest first with cursors and filters', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `paged-${String(i).padStart(2, '0')}`);
    for (const name of names) {
      const tags = Number(name.slice(-2)) % 2 === 0 ? ['even'] : ['odd'];
      expect((await api.post('/datasets', { name, tags })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/datasets?name_prefix=paged-&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await api.get<Page<Entity>>(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((d) => d.name));
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].reverse());

    const even = await api.get<Page<Entity>>('/datasets?name_prefix=paged-&tag=even');
    expect(even.body.items.map((d) => d.name)).toEqual(['paged-06', 'paged-04', 'paged-02', 'paged-00']);
    const byCreator = await api.get<Page<Entity>>('/datasets?created_by=nobody');
    expect(byCreator.body).toEqual({ items: [], next_cursor: null });

    const badCursor = await api.get('/datasets?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ error: { details: [{ path: 'cursor' }] } });
    const unknownFilter = await api.get('/datasets?colour=red');
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.body).toMatchObject({ error: { details: [{ path: 'colour', message: 'unknown field' }] } });
    const badLimit = await api.get('/datasets?limit=0');
    expect(badLimit.status).toBe(400);
  });
});

describe('features', () => {
  it('creates numeric and categorical features, updates them, lists by kind', async () => {
    const numeric = await api.post<Entity & { kind: string; monotone: number }>('/features', {
      name: 'utilization',
      source_column: 'RevolvingUtilizationOfUnsecuredLines',
      kind: 'numeric',
      monotone: 1,
    });
    expect(numeric.status).toBe(201);
    expect(documents.Feature.parse(numeric.body)).toMatchObject({
      missing_policy: { strategy: 'learn' },
      special_values: [],
      monotone: 1,
    });
    const categorical = await api.post('/features', {
      name: 'loan_reason',
      source_column: 'REASON',
      kind: 'categorical',
      missing_policy: { strategy: 'fill', value: 'unknown' },
    });
    expect(categorical.status).toBe(201);

    const monotoneCategorical = await api.patch(
      `/features/${(categorical.body as Entity).id}`,
      { monotone: 1 },
      {
        headers: { 'If-Match': '1' },
      },
    );
    expect(monotoneCategorical.status).toBe(400);
    expect(monotoneCategorical.body).toMatchObject({ error: { details: [{ path: 'monotone' }] } });

    const changed = await api.patch<Entity & { monotone: number }>(
      `/features/${numeric.body.id}`,
      { monotone: -1, special_values: [-999] },
      { headers: { 'If-Match': '"1"' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ monotone: -1, special_values: [-999], row_version: 2 });

    const numericOnly = await api.get<Page<Entity>>('/features?kind=numeric');
    expect(numericOnly.body.items.map((f) => f.name)).toEqual(['utilization']);
    const byColumn = await api.get<Page<Entity>>('/features?source_column=REASON');
    expect(byColumn.body.items.map((f) => f.name)).toEqual(['loan_reason']);
  });
});

describe('feature sets and their versions', () => {
  it('creates a DRAFT, edits it, publishes it, then refuses edits with 409', async () => {
    const set = await api.post<Entity>('/feature-sets', { name: 'cards-application' });
    expect(set.status).toBe(201);
    const base = `/feature-sets/${set.body.id}/versions`;
    const draft = await api.post<{ version: number; status: string; row_version: number }>(base, {
      target: { column: 'default' },
      id_column: 'ID',
      features: [{ name: 'limit_bal', source_column: 'LIMIT_BAL', kind: 'numeric', monotone: -1 }],
    });
    expect(draft.status).toBe(201);
    expect(documents.FeatureSetVersion.parse(draft.body)).toMatchObject({
      version: 1,
      status: 'DRAFT',
      row_version: 1,
    });
    expect(draft.headers.get('location')).toBe(`${base}/1`);

    const second = await api.post<{ version: number }>(base, { target: { column: 'default' } });
    expect(second.body.version).toBe(2);

    const roleClash = await api.patch(`${base}/1`, { weight_column: 'ID' }, { headers: { 'If-Match': '1' } });
    expect(roleClash.status).toBe(400);
    expect(roleClash.body).toMatchObject({ error: { details: [{ path: 'weight_column' }] } });

    const edited = await api.patch<{ notes: string; row_version: number }>(
      `${base}/1`,
      { notes: 'First version.' },
      { headers: { 'If-Match': '1' } },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ notes: 'First version.', row_version: 2 });

    const emptyPublish = await api.post(`${base}/2/publish`, undefined, { headers: { 'If-Match': '1' } });
    expect(emptyPublish.status).toBe(400);
    expect(emptyPublish.body).toMatchObject({ error: { details: [{ path: 'features' }] } });

    const stalePublish = await api.post(`${base}/1/publish`, undefined, { headers: { 'If-Match': '1' } });
    expect(stalePublish.status).toBe(412);
    const published = await api.post<{ status: string; published_by: string }>(`${base}/1/publish`, { row_version: 2 });
    expect(published.status).toBe(200);
    expect(documents.FeatureSetVersion.parse(published.body)).toMatchObject({
      status: 'PUBLISHED',
      published_by: 'talaty-local',
    });
    expect(published.headers.get('etag')).toBeNull();

    const editPublished = await api.patch(`${base}/1`, { notes: 'sneaky' }, { headers: { 'If-Match': '3' } });
    expect(editPublished.status).toBe(409);
    const republish = await api.post(`${base}/1/publish`, undefined, { headers: { 'If-Match': '3' } });
    expect(republish.status).toBe(409);

    const drafts = await api.get<Page<{ version: number }>>(`${base}?status=DRAFT`);
    expect(drafts.body.items.map((v) => v.version)).toEqual([2]);
    const all = await api.get<Page<{ version: number }>>(base);
    expect(all.body.items.map((v) => v.version)).toEqual([2, 1]);

    const missingSet = await api.post('/feature-sets/00000000-0000-4000-8000-000000000000/versions', {
      target: { column: 'x' },
    });
    expect(missingSet.status).toBe(404);
    expect((await api.get(`${base}/9`)).status).toBe(404);
  });

  it('keeps a published version immutable even against direct SQL', async () => {
    const set = await api.post<Entity>('/feature-sets', { name: 'sql-guarded' });
    const base = `/feature-sets/${set.body.id}/versions`;
    await api.post(base, { target: { column: 'y' }, features: [{ name: 'x', source_column: 'X', kind: 'numeric' }] });
    expect((await api.post(`${base}/1/publish`, undefined, { headers: { 'If-Match': '1' } })).status).toBe(200);
    await expect(
      t.db.execute("UPDATE feature_set_versions SET content = '{}' WHERE feature_set_id = :id::uuid", {
        id: set.body.id,
      }),
    ).rejects.toThrow(/published and cannot change/);
  });
});

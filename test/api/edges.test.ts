/**
 * The API's edges over real HTTP: every way a body can be wrong, payload limits, strings stored
 * verbatim, SigV4 failures, CORS, the meta routes, concurrent edits, and data surviving a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startTestCloud, type TestCloud } from '../local-cloud.ts';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud();
}, 240_000);
afterAll(async () => t?.dispose());

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

describe('bad bodies answer 4xx with field-level details', () => {
  it.each([
    ['malformed JSON', '{"name": "a",', 400, 'MALFORMED_JSON', ''],
    ['NaN', '{"name": "a", "tags": [NaN]}', 400, 'MALFORMED_JSON', ''],
    ['Infinity', '{"name": "a", "description": Infinity}', 400, 'MALFORMED_JSON', ''],
    ['1e309', '{"name": "a", "tags": [], "x": {"y": 1e309}}', 400, 'VALIDATION_FAILED', 'x.y'],
    ['a wrong type', '{"name": 42}', 400, 'VALIDATION_FAILED', 'name'],
    ['an unknown field', '{"name": "ok-name", "colour": "red"}', 400, 'VALIDATION_FAILED', 'colour'],
    ['a missing field', '{}', 400, 'VALIDATION_FAILED', 'name'],
    ['an over-long name', JSON.stringify({ name: 'a'.repeat(101) }), 400, 'VALIDATION_FAILED', 'name'],
    [
      'an over-long description',
      JSON.stringify({ name: 'ok', description: 'd'.repeat(4001) }),
      400,
      'VALIDATION_FAILED',
      'description',
    ],
    ['an array body', '[]', 400, 'VALIDATION_FAILED', ''],
  ])('%s', async (_what, raw, status, code, path) => {
    const answer = await t.api.post<ErrorBody>('/datasets', undefined, { rawBody: raw });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message.length).toBeGreaterThan(0);
    expect(answer.body.error.details.map((d) => d.path)).toContain(path);
    expect(answer.headers.get('access-control-allow-origin')).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('answers 413 for a body over 1 MB, and 415 for a body that is not JSON', async () => {
    const big = JSON.stringify({ name: 'big', description: 'x'.repeat(1024 * 1024) });
    const tooBig = await t.api.post<ErrorBody>('/datasets', undefined, { rawBody: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const form = await t.api.post<ErrorBody>('/datasets', undefined, {
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const nothingChanged = await t.api.get<{ items: unknown[] }>('/datasets?name_prefix=big');
    expect(nothingChanged.body.items).toEqual([]);
  });
});

describe('strings are stored verbatim', () => {
  it('refuses text PostgreSQL cannot store as sent (NUL, lone surrogates) with 400, not 500', async () => {
    const nul = await t.api.post<ErrorBody>('/datasets', undefined, {
      rawBody: '{"name":"nul","description":"a\\u0000b"}',
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details).toEqual([{ path: 'description', message: expect.stringMatching(/NUL/) }]);
    const surrogate = await t.api.post<ErrorBody>('/datasets', undefined, {
      rawBody: '{"name":"s","tags":["\\ud800"]}',
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.details[0]?.path).toBe('tags.0');
    const query = await t.api.get<ErrorBody>('/datasets?name_prefix=%00');
    expect(query.status).toBe(400);
    expect(query.body.error.details[0]?.path).toBe('name_prefix');
  });

  it('keeps SQL-injection text and unicode exactly', async () => {
    const safeDescription = 'Robert\'); DROP TABLE datasets;-- :name $1 \\ " 💳 Ωμέγα 中文 \u2028 e\u0301 \t\n';
    const tags = ["' OR '1'='1", 'ünïcödé', '$$; SELECT 1; $$'];
    const created = await t.api.post<{ id: string; description: string; tags: string[] }>('/datasets', {
      name: 'injection.test',
      description: safeDescription,
      tags,
    });
    expect(created.status).toBe(201);
    const read = await t.api.get<{ description: string; tags: string[] }>(`/datasets/${created.body.id}`);
    expect(read.body.description).toBe(safeDescription);
    expect(read.body.tags).toEqual(tags);
    const byTag = await t.api.get<{ items: Array<{ id: string }> }>(
      `/datasets?tag=${encodeURIComponent(tags[0] as string)}`,
    );
    expect(byTag.body.items.map((d) => d.id)).toEqual([created.body.id]);
    const stillThere = await t.api.get<{ items: unknown[] }>('/datasets?limit=200');
    expect(stillThere.status).toBe(200);
  });
});

describe('authentication', () => {
  it('answers 403 as API Gateway does: unsigned, badly signed, unknown key, expired, wrong region', async () => {
    const unsigned = await t.api.get<ErrorBody>('/datasets', { auth: { kind: 'none' } });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.code).toBe('MISSING_AUTHENTICATION_TOKEN');
    const noRoute = await t.api.get<ErrorBody>('/no-such-route');
    expect(noRoute.status).toBe(403);
    expect(noRoute.body.error.code).toBe('MISSING_AUTHENTICATION_TOKEN');
    const wrongSecret = await t.api.get<ErrorBody>('/datasets', {
      auth: { kind: 'sigv4', secretAccessKey: 'not-the-secret' },
    });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body.error.code).toBe('INVALID_SIGNATURE');
    const unknownKey = await t.api.get<ErrorBody>('/datasets', {
      auth: { kind: 'sigv4', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' },
    });
    expect(unknownKey.status).toBe(403);
    expect(unknownKey.body.error.code).toBe('INVALID_SIGNATURE');
    expect(unknownKey.body.error.message).toMatch(/security token included in the request is invalid/);
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      const prototypeKey = await t.api.get<ErrorBody>('/datasets', {
        auth: { kind: 'sigv4', accessKeyId: key, secretAccessKey: String(({} as Record<string, unknown>)[key]) },
      });
      expect(prototypeKey.status).toBe(403);
    }
    const otherRegion = await t.api.get<ErrorBody>('/datasets', { auth: { kind: 'sigv4', region: 'eu-west-1' } });
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.error.message).toMatch(/region/);
    const unsignedPayload = await t.api.post<ErrorBody>(
      '/datasets',
      { name: 'signed-name' },
      {
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        bodyAfterSigning: JSON.stringify({ name: 'tampered-name' }),
      },
    );
    expect(unsignedPayload.status).toBe(403);
    const expired = await t.api.get<ErrorBody>('/datasets', {
      auth: { kind: 'sigv4', at: new Date(Date.now() - 6 * 60_000) },
    });
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('INVALID_SIGNATURE');
    expect(expired.body.error.message).toMatch(/expired|clock|skew|old/i);
    const tampered = await t.api.post<ErrorBody>(
      '/datasets',
      { name: 'signed' },
      {
        auth: { kind: 'sigv4' },
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
    );
    expect([201, 403]).toContain(tampered.status);
    const badUser = await t.api.get('/datasets', { auth: { kind: 'x-user', user: 'a b;c' } });
    expect(badUser.status).toBe(403);
    const devUser = await t.api.post<{ created_by: string }>(
      '/datasets',
      { name: 'by-carol' },
      {
        auth: { kind: 'x-user', user: 'carol' },
      },
    );
    expect(devUser.status).toBe(201);
    expect(devUser.body.created_by).toBe('carol');
  });

  it('serves CORS preflights without authentication', async () => {
    const preflight = await fetch(`${t.cloud.apiUrl}/datasets`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-match');
  });
});

describe('meta routes', () => {
  it('answers health, version, schemas and the checked-in OpenAPI document', async () => {
    expect((await t.api.get('/health')).body).toMatchObject({ status: 'ok' });
    expect((await t.api.get('/version')).body).toMatchObject({ schema_version: 'v0' });
    const index = await t.api.get<{ schemas: Array<{ name: string }> }>('/schemas/v0');
    expect(index.body.schemas.map((s) => s.name)).toContain('RunSpec');
    const runSpec = await t.api.get(`/schemas/v0/RunSpec`);
    const checkedIn = JSON.parse(readFileSync(join(repoRoot, 'schemas/v0/RunSpec.json'), 'utf8'));
    expect(runSpec.body).toEqual(checkedIn);
    expect((await t.api.get('/schemas/v0/Nope')).status).toBe(404);
    const openapi = await t.api.get('/openapi.json');
    expect(openapi.body).toEqual(JSON.parse(readFileSync(join(repoRoot, 'schemas/v0/openapi.json'), 'utf8')));
  });
});

describe('concurrency', () => {
  it('lets exactly one of 20 parallel edits of the same row version win', async () => {
    const created = await t.api.post<{ id: string }>('/datasets', { name: 'contended' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.api.patch(`/datasets/${created.body.id}`, { description: `edit ${i}` }, { headers: { 'If-Match': '"1"' } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const final = await t.api.get<{ description: string; row_version: number }>(`/datasets/${created.body.id}`);
    expect(final.body.row_version).toBe(2);
    const winner = answers.find((a) => a.status === 200)?.body as { description: string };
    expect(final.body.description).toBe(winner.description);
  });

  it('numbers 10 parallel feature-set versions 1..10 without gaps or duplicates', async () => {
    const set = await t.api.post<{ id: string }>('/feature-sets', { name: 'parallel-versions' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.api.post<{ version: number }>(`/feature-sets/${set.body.id}/versions`, { target: { column: 'y' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.map((a) => a.body.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('restart', () => {
  it('keeps data across a restart of the local cloud', async () => {
    const created = await t.api.post<{ id: string }>('/datasets', { name: 'survivor' });
    t = await t.restart();
    const read = await t.api.get<{ name: string }>(`/datasets/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('survivor');
  }, 120_000);
});

describe('over-long strings inside nested content', () => {
  it('names the path of an over-long special value, fill value or bad value', async () => {
    const long = 'v'.repeat(257);
    const feature = await t.api.post<ErrorBody>('/features', {
      name: 'too_long',
      source_column: 'X',
      kind: 'categorical',
      special_values: ['ok', long],
      missing_policy: { strategy: 'fill', value: long },
    });
    expect(feature.status).toBe(400);
    expect(feature.body.error.details.map((d) => d.path).sort()).toEqual(['missing_policy.value', 'special_values.1']);
    const set = await t.api.post<{ id: string }>('/feature-sets', { name: 'long-bad-value' });
    const version = await t.api.post<ErrorBody>(`/feature-sets/${set.body.id}/versions`, {
      target: { column: 'y', bad_value: long },
    });
    expect(version.status).toBe(400);
    expect(version.body.error.details.map((d) => d.path)).toEqual(['target.bad_value']);
  });
});

/**
 * TALATY_DATABASE_URL points the Data API emulator at an external PostgreSQL instead of the
 * embedded one: the app's database is created there, migrated, and the API writes to it.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrations as released } from '../../lambdas/store/migrations/index.ts';
import { type RunningPostgres, startThrowawayPostgres } from '../../localstack/postgres.ts';
import { startTestCloud, type TestCloud } from '../local-cloud.ts';

let external: RunningPostgres;
let t: TestCloud;

beforeAll(async () => {
  external = await startThrowawayPostgres('maintenance');
  const { user, password, host, port } = external.connection;
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/maintenance`;
  t = await startTestCloud(undefined, { TALATY_DATABASE_URL: url });
}, 240_000);
afterAll(async () => {
  await t?.dispose();
  await external?.stop();
});

it('creates, migrates and serves the app database on the external server', async () => {
  const created = await t.api.post<{ id: string }>('/datasets', { name: 'on-external' });
  expect(created.status).toBe(201);
  const client = new pg.Client({ ...external.connection, database: 'talaty' });
  await client.connect();
  try {
    const rows = await client.query('SELECT name FROM datasets WHERE id = $1', [created.body.id]);
    expect(rows.rows).toEqual([{ name: 'on-external' }]);
    const migrations = await client.query('SELECT id FROM schema_migrations');
    expect(migrations.rows.map((r) => r.id)).toEqual(released.map((m) => m.id));
  } finally {
    await client.end();
  }
});

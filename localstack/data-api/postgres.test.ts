/**
 * The embedded PostgreSQL under the emulator (../postgres.ts): a persistent data directory keeps
 * its data across a restart, and the application database is created when missing.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgres } from '../postgres.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'talaty-pg-persist-'));
  await chmod(root, 0o755);
});

afterAll(() => rm(root, { recursive: true, force: true }));

async function query(connection: pg.ClientConfig, sql: string): Promise<unknown[]> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  it('creates the database once and keeps its data across a restart', async () => {
    const dataDir = join(root, 'cluster');
    const first = await startPostgres({ dataDir, port: await freePort(), database: 'app', forTests: true });
    try {
      await query(first.connection, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before restart')");
      expect(await query(first.connection, "SELECT current_setting('TimeZone') IS NOT NULL AS up")).toEqual([
        { up: true },
      ]);
    } finally {
      await first.stop();
    }
    const second = await startPostgres({ dataDir, port: await freePort(), database: 'app' });
    try {
      expect(second.connection.database).toBe('app');
      expect(await query(second.connection, 'SELECT v FROM kept')).toEqual([{ v: 'before restart' }]);
      expect(await query(second.connection, "SELECT current_setting('server_encoding') AS e")).toEqual([{ e: 'UTF8' }]);
    } finally {
      await second.stop();
    }
  });
});

/**
 * The store layer against real PostgreSQL through the Data API emulator and the real SDK client:
 * migrations (idempotent, concurrent, tamper-evident), transactions, error classification and the
 * retry of a paused Aurora.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture, TARGET } from '../../localstack/data-api/testing.ts';
import { DataApiDatabase, json, uuid } from './data-api.ts';
import { ImmutableRecord, UniqueViolation } from './errors.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { NamedEntityStore } from './named-entities.ts';

let fx: Fixture;
let db: DataApiDatabase;

beforeAll(async () => {
  fx = await startFixture();
  db = new DataApiDatabase(fx.client, TARGET, { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 });
}, 60_000);
afterAll(async () => fx?.close());

describe('migrations', () => {
  it('apply once, then are idempotent, also when run concurrently', async () => {
    const [first, second, third] = await Promise.all([migrate(db), migrate(db), migrate(db)]);
    const applied = [first, second, third].flatMap((r) => r?.applied ?? []);
    expect(applied).toEqual(migrations.map((m) => m.id));
    expect((await migrate(db)).alreadyApplied).toEqual(migrations.map((m) => m.id));
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'dataset_versions',
      'datasets',
      'feature_set_versions',
      'feature_sets',
      'features',
      'model_versions',
      'models',
      'run_events',
      'run_requests',
      'run_specs',
      'runs',
      'schema_migrations',
    ]);
  });

  it('refuse a released migration whose text changed', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}-- edited\n` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/must not change/);
  });
});

describe('the Data API database', () => {
  it('classifies a unique violation and commits or rolls back transactions as a whole', async () => {
    const store = new NamedEntityStore(db, 'datasets');
    await store.insert(randomUUID(), { name: 'unique-one', description: '', tags: [] }, 'test');
    await expect(
      store.insert(randomUUID(), { name: 'unique-one', description: '', tags: [] }, 'test'),
    ).rejects.toBeInstanceOf(UniqueViolation);
    const id = randomUUID();
    await expect(
      db.transaction(async (sql) => {
        await store.insert(id, { name: 'rolled-back', description: '', tags: [] }, 'test', sql);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.get(id)).toBeUndefined();
    await db.transaction((sql) => store.insert(id, { name: 'committed', description: '', tags: ['x'] }, 'test', sql));
    expect((await store.get(id))?.tags).toEqual(['x']);
  });

  it('classifies the immutability triggers', async () => {
    const set = randomUUID();
    const version = randomUUID();
    await db.execute(
      "INSERT INTO feature_sets (id, name, created_by, updated_by) VALUES (:id, 'immutable', 't', 't')",
      {
        id: uuid(set),
      },
    );
    await db.execute(
      `INSERT INTO feature_set_versions (id, feature_set_id, version, status, content, published_by, published_at, created_by, updated_by)
       VALUES (:id, :set, 1, 'PUBLISHED', :content, 't', now(), 't', 't')`,
      { id: uuid(version), set: uuid(set), content: json({}) },
    );
    await expect(
      db.execute('DELETE FROM feature_set_versions WHERE id = :id', { id: uuid(version) }),
    ).rejects.toBeInstanceOf(ImmutableRecord);
  });

  it('retries while Aurora resumes, and gives up after its attempts', async () => {
    fx.api.faults.resumingFor(2);
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    fx.api.faults.resumingFor(10);
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ name: 'DatabaseResumingException' });
    fx.api.faults.resumingFor(0);
  });
});

describe('pages under the Data API response limit', () => {
  it('splits large rows across pages by bytes, losing and repeating nothing', async () => {
    const store = new NamedEntityStore(db, 'feature_sets');
    const big = 'b'.repeat(3900);
    const names: string[] = [];
    for (let i = 0; i < 120; i++) {
      const name = `big-${String(i).padStart(3, '0')}`;
      names.push(name);
      await store.insert(randomUUID(), { name, description: big, tags: Array(40).fill('t'.repeat(60)) }, 'test');
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list({ limit: 200, cursor, filters: [{ op: 'prefix', column: 'name', value: 'big-' }] });
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items.map((e) => e.name));
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual([...names].reverse());
  });
});

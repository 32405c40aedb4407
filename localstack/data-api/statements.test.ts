/**
 * ExecuteStatement and BatchExecuteStatement end to end through the real RDSDataClient:
 * placeholder rewriting, update counts, several statements in one call, error shapes as the SDK
 * surfaces them, the 1 MiB response limit, the statement timeout, and batches.
 */
import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture, TARGET } from './testing.ts';

let f: Fixture;
const TIMEOUT_MS = 1_000;

beforeAll(async () => {
  f = await startFixture({ statementTimeoutMs: TIMEOUT_MS });
  await f.run('CREATE TABLE users (id int4 PRIMARY KEY, name text NOT NULL UNIQUE)');
}, 30_000);

afterAll(() => f?.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (table: string) => (await f.rows(`SELECT count(*)::int4 AS n FROM ${table}`))[0]?.n;

describe('placeholders', () => {
  it('are rewritten outside casts, strings, quoted identifiers, comments and dollar quotes', async () => {
    const out = await f.run(
      `SELECT :a::text || '::a' || ':a' AS "col:a", -- :a in a comment
              $$ :a $$ AS dollar, /* :a */ E'it\\'s :a' AS escaped, $tag$ ':a' $tag$ AS tagged`,
      { parameters: [{ name: 'a', value: { longValue: 5 } }], includeResultMetadata: true },
    );
    expect(out.records?.[0]).toEqual([
      { stringValue: '5::a:a' },
      { stringValue: ' :a ' },
      { stringValue: "it's :a" },
      { stringValue: " ':a' " },
    ]);
    expect(out.columnMetadata?.[0]?.label).toBe('col:a');
  });

  it('bind a repeated name once', async () => {
    const rows = await f.rows('SELECT :v + :v AS doubled, pg_typeof(:v)::text AS type', {
      parameters: [{ name: 'v', value: { longValue: 21 } }],
    });
    expect(rows).toEqual([{ doubled: 42, type: 'bigint' }]);
  });

  it('a missing one is a BadRequestException naming it', async () => {
    const attempt = f.run('SELECT :a, :b', { parameters: [{ name: 'a', value: { longValue: 1 } }] });
    await expect(attempt).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'No value specified for parameter: b',
    });
  });
});

describe('numberOfRecordsUpdated', () => {
  it('counts rows of INSERT, UPDATE and DELETE, and is 0 for a result set', async () => {
    await f.run('CREATE TABLE counted (x int4)');
    const insert = await f.run('INSERT INTO counted VALUES (1), (2), (3)');
    expect([insert.numberOfRecordsUpdated, insert.records, insert.generatedFields]).toEqual([3, undefined, []]);
    expect((await f.run('UPDATE counted SET x = x + 1 WHERE x > 1')).numberOfRecordsUpdated).toBe(2);
    const select = await f.run('SELECT x FROM counted ORDER BY x');
    expect([select.numberOfRecordsUpdated, select.records?.length]).toEqual([0, 3]);
    const returning = await f.run('DELETE FROM counted WHERE x = 1 RETURNING x');
    expect([returning.numberOfRecordsUpdated, returning.records]).toEqual([0, [[{ longValue: 1 }]]]);
    expect((await f.run('DELETE FROM counted')).numberOfRecordsUpdated).toBe(2);
    expect((await f.run('DROP TABLE counted')).numberOfRecordsUpdated).toBe(0);
  });
});

describe('several statements in one sql', () => {
  it('run together without parameters; the response is the last statement', async () => {
    const out = await f.run(
      'CREATE TABLE multi (x int4); INSERT INTO multi VALUES (1), (2); SELECT count(*) FROM multi',
    );
    expect(out.records).toEqual([[{ longValue: 2 }]]);
  });

  it('cannot leave a transaction open on a pooled connection', async () => {
    await f.run("BEGIN; SET LOCAL application_name = 'leaked'");
    expect(await f.rows("SELECT current_setting('application_name') AS app")).toEqual([{ app: 'talaty-data-api' }]);
  });

  it('are refused with parameters, as prepared statements refuse them', async () => {
    const attempt = f.run('INSERT INTO multi VALUES (:x); SELECT 1', {
      parameters: [{ name: 'x', value: { longValue: 3 } }],
    });
    await expect(attempt).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: 'ERROR: cannot insert multiple commands into a prepared statement; SQLState: 42601',
    });
  });
});

describe('errors', () => {
  it('a unique violation is DatabaseErrorException with Detail and SQLState', async () => {
    await f.run("INSERT INTO users VALUES (1, 'ada')");
    await expect(f.run("INSERT INTO users VALUES (1, 'grace')")).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message:
        'ERROR: duplicate key value violates unique constraint "users_pkey"\n  Detail: Key (id)=(1) already exists.; SQLState: 23505',
    });
  });

  it('a syntax error carries its Position; a custom SQLSTATE from PL/pgSQL its Where', async () => {
    await expect(f.run('SELEC 1')).rejects.toMatchObject({
      message: 'ERROR: syntax error at or near "SELEC"\n  Position: 1; SQLState: 42601',
    });
    await f.run(`CREATE FUNCTION refuse() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION USING ERRCODE = 'TL409', MESSAGE = 'records are immutable'; END $$`);
    await expect(f.run('SELECT refuse()')).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: expect.stringMatching(
        /^ERROR: records are immutable\n {2}Where: PL\/pgSQL function refuse\(\) line 2 at RAISE; SQLState: TL409$/,
      ),
    });
  });

  it('a missing or oversized sql, or an unknown database, is refused before running', async () => {
    await expect(f.run(undefined as unknown as string)).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(f.run(`SELECT '${'x'.repeat(65_536)}'`)).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('at most 65536'),
    });
    await expect(f.run('SELECT 1', { database: 'nope' })).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: 'FATAL: database "nope" does not exist; SQLState: 3D000',
    });
  });

  it("a response over 1 MiB is refused with Aurora's message; just under passes", async () => {
    await expect(f.run("SELECT repeat('x', 600000) AS a, repeat('y', 600000) AS b")).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Database returned more than the allowed response size limit',
    });
    const out = await f.run("SELECT repeat('x', 1000000) AS a");
    expect(out.records?.[0]?.[0]?.stringValue?.length).toBe(1_000_000);
  });
});

describe('the statement timeout', () => {
  it('answers StatementTimeoutException; the statement is cancelled unless continueAfterTimeout', async () => {
    await f.run('CREATE TABLE slow (x int4)');
    const sleep = Math.ceil((TIMEOUT_MS + 800) / 100) / 10;
    const [cancelled, continued] = await Promise.allSettled([
      f.run(`INSERT INTO slow SELECT 1 FROM pg_sleep(${sleep})`),
      f.run(`INSERT INTO slow SELECT 2 FROM pg_sleep(${sleep})`, { continueAfterTimeout: true }),
    ]);
    for (const outcome of [cancelled, continued]) {
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: { name: 'StatementTimeoutException', message: 'Request timed out' },
      });
    }
    // Both slept equally long: once the continued one has written, the cancelled one would have too.
    for (let waited = 0; (await f.rows('SELECT x FROM slow')).length === 0 && waited < 5_000; waited += 100) {
      await pause(100);
    }
    await pause(200);
    expect(await f.rows('SELECT x FROM slow')).toEqual([{ x: 2 }]);
  });
});

describe('BatchExecuteStatement', () => {
  const insert = 'INSERT INTO users (id, name) VALUES (:id, :name)';
  const set = (id: number, name: string) => [
    { name: 'id', value: { longValue: id } },
    { name: 'name', value: { stringValue: name } },
  ];
  const batch = (sql: string, parameterSets: ReturnType<typeof set>[], transactionId?: string) =>
    f.client.send(
      new BatchExecuteStatementCommand({ ...TARGET, sql, parameterSets, ...(transactionId ? { transactionId } : {}) }),
    );

  it('runs once per parameter set; RETURNING fills generatedFields', async () => {
    const plain = await batch(insert, [set(10, 'b10'), set(11, 'b11')]);
    expect(plain.updateResults).toEqual([{ generatedFields: [] }, { generatedFields: [] }]);
    const returning = await batch(`${insert} RETURNING id, name`, [set(12, 'b12'), set(13, 'b13')]);
    expect(returning.updateResults).toEqual([
      { generatedFields: [{ longValue: 12 }, { stringValue: 'b12' }] },
      { generatedFields: [{ longValue: 13 }, { stringValue: 'b13' }] },
    ]);
    expect(await f.rows('SELECT id FROM users WHERE id BETWEEN 10 AND 13 ORDER BY id')).toEqual([
      { id: 10 },
      { id: 11 },
      { id: 12 },
      { id: 13 },
    ]);
  });

  it('without a transaction is all-or-nothing', async () => {
    const before = await count('users');
    await expect(batch(insert, [set(20, 'b20'), set(21, 'b21'), set(22, 'b20')])).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: expect.stringContaining('SQLState: 23505'),
    });
    await expect(batch(insert, [set(23, 'b23'), [{ name: 'id', value: { longValue: 24 } }]])).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'No value specified for parameter: name',
    });
    expect(await count('users')).toBe(before);
  });

  it('inside a transaction is seen by others only after commit', async () => {
    const { transactionId } = await f.client.send(new BeginTransactionCommand(TARGET));
    await batch(insert, [set(30, 'b30'), set(31, 'b31')], transactionId);
    expect(await f.rows('SELECT id FROM users WHERE id >= 30')).toEqual([]);
    await f.client.send(new CommitTransactionCommand({ ...TARGET, transactionId }));
    expect(await f.rows('SELECT id FROM users WHERE id >= 30 ORDER BY id')).toEqual([{ id: 30 }, { id: 31 }]);
  });
});

/**
 * Data API transactions through the real RDSDataClient: isolation until commit, rollback, the
 * aborted state after a failed statement, unknown and finished ids, a busy transaction, the idle
 * timeout, and the database a transaction is bound to.
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  type ExecuteStatementCommandInput,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture, TARGET } from './testing.ts';

let f: Fixture;
/** Long enough that a loaded machine's pauses between requests never look like idleness. */
const IDLE_MS = 1500;

beforeAll(async () => {
  f = await startFixture({ transactionIdleTimeoutMs: IDLE_MS });
  await f.run('CREATE TABLE notes (id int4 PRIMARY KEY)');
  await f.run('CREATE DATABASE other');
}, 30_000);

afterAll(() => f?.close());

const begin = async (input: { database?: string } = {}) => {
  const { transactionId } = await f.client.send(new BeginTransactionCommand({ ...TARGET, ...input }));
  if (transactionId === undefined) throw new Error('no transaction id');
  return transactionId;
};
const commit = (transactionId: string) => f.client.send(new CommitTransactionCommand({ ...TARGET, transactionId }));
const rollback = (transactionId: string) => f.client.send(new RollbackTransactionCommand({ ...TARGET, transactionId }));
const inTx = (transactionId: string, sql: string, input: Partial<ExecuteStatementCommandInput> = {}) =>
  f.run(sql, { ...input, transactionId });
const ids = async () => (await f.rows('SELECT id FROM notes ORDER BY id')).map((r) => r.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('transactions', () => {
  it('commit makes the writes visible to others, and only then', async () => {
    const tx = await begin();
    expect(tx).toMatch(/^[A-Za-z0-9+/=]{64}$/);
    await inTx(tx, 'INSERT INTO notes VALUES (1)');
    expect(await f.rows('SELECT id FROM notes', { transactionId: tx })).toEqual([{ id: 1 }]);
    expect(await ids()).toEqual([]);
    expect((await commit(tx)).transactionStatus).toBe('Transaction Committed');
    expect(await ids()).toEqual([1]);
  });

  it('rollback discards the writes', async () => {
    const tx = await begin();
    await inTx(tx, 'INSERT INTO notes VALUES (2)');
    expect((await rollback(tx)).transactionStatus).toBe('Rollback Complete');
    expect(await ids()).toEqual([1]);
  });

  it('a failed statement aborts the transaction until it ends', async () => {
    const tx = await begin();
    await inTx(tx, 'INSERT INTO notes VALUES (3)');
    await expect(inTx(tx, 'INSERT INTO notes VALUES (1)')).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: expect.stringContaining('SQLState: 23505'),
    });
    await expect(inTx(tx, 'SELECT 1')).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message:
        'ERROR: current transaction is aborted, commands ignored until end of transaction block; SQLState: 25P02',
    });
    await expect(commit(tx)).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: expect.stringMatching(
        /^The database returned ROLLBACK, so the transaction cannot be committed\. Transaction failure cause is <<ERROR: duplicate key .*>>; SQLState: 25P02$/s,
      ),
    });
    await expect(rollback(tx)).rejects.toMatchObject({
      name: 'BadRequestException',
      message: `Transaction ${tx} is not found`,
    });
    expect(await ids()).toEqual([1]);
  });

  it('an unknown or finished id is not found', async () => {
    await expect(inTx('nope', 'SELECT 1')).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Transaction nope is not found',
    });
    await expect(commit('nope')).rejects.toMatchObject({ name: 'BadRequestException' });
    const tx = await begin();
    await commit(tx);
    await expect(inTx(tx, 'SELECT 1')).rejects.toMatchObject({ message: `Transaction ${tx} is not found` });
    await expect(commit(tx)).rejects.toMatchObject({ message: `Transaction ${tx} is not found` });
  });

  it('a second request while one runs is refused', async () => {
    const tx = await begin();
    // The first request has 300 ms to start, and then runs 1.7 s longer than that.
    const slow = inTx(tx, 'SELECT pg_sleep(2)');
    await sleep(300);
    await expect(inTx(tx, 'SELECT 1')).rejects.toMatchObject({
      name: 'DatabaseErrorException',
      message: 'Transaction is still running a query',
    });
    await slow;
    await rollback(tx);
  });

  it('an idle transaction is rolled back after the timeout; activity keeps it open', async () => {
    const tx = await begin();
    await inTx(tx, 'INSERT INTO notes VALUES (5)');
    for (let i = 0; i < 4; i++) {
      await sleep(IDLE_MS / 4);
      await inTx(tx, 'SELECT 1');
    }
    await sleep(IDLE_MS + 1000);
    await expect(inTx(tx, 'SELECT 1')).rejects.toMatchObject({ message: `Transaction ${tx} is not found` });
    expect(await ids()).toEqual([1]);
  });

  it('is bound to the database it began in', async () => {
    const tx = await begin({ database: 'other' });
    expect(await f.rows('SELECT current_database() AS db', { transactionId: tx })).toEqual([{ db: 'other' }]);
    await commit(tx);
    expect(await f.rows('SELECT current_database() AS db', { database: 'other' })).toEqual([{ db: 'other' }]);
    expect(await f.rows('SELECT current_database() AS db')).toEqual([{ db: 'talaty' }]);
  });
});

/**
 * Open Data API transactions: each holds its own connection, named by an opaque random id.
 * A transaction idle past the timeout (Aurora: 3 minutes) is rolled back and forgotten; an id
 * that is unknown or finished is `Transaction <id> is not found`; a second request while one is
 * running is refused as Aurora does. A failed statement leaves the transaction aborted, as in
 * PostgreSQL, and COMMIT of an aborted transaction reports the failure (pgJDBC's wording).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Databases, Session } from './databases.ts';
import { DataApiError, databaseError, serverErrorText, transactionNotFound } from './errors.ts';

interface Transaction {
  readonly id: string;
  readonly session: Session;
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
  /** The first error that aborted it. */
  failure: string | undefined;
}

export class Transactions {
  private readonly open = new Map<string, Transaction>();

  constructor(
    private readonly databases: Databases,
    private readonly idleTimeoutMs: number,
  ) {}

  async begin(database: string | undefined): Promise<string> {
    const session = await this.databases.connect(database);
    try {
      await session.client.query('BEGIN');
    } catch (error) {
      session.client.release(error as Error);
      throw error;
    }
    const id = randomBytes(48).toString('base64');
    const transaction: Transaction = { id, session, busy: false, timer: undefined, failure: undefined };
    this.open.set(id, transaction);
    this.arm(transaction);
    return id;
  }

  private arm(transaction: Transaction): void {
    clearTimeout(transaction.timer);
    transaction.timer = setTimeout(
      () => void this.end(transaction, 'ROLLBACK').catch(() => undefined),
      this.idleTimeoutMs,
    );
    transaction.timer.unref();
  }

  private take(id: string): Transaction {
    const transaction = this.open.get(id);
    if (transaction === undefined) throw transactionNotFound(id);
    if (transaction.busy) throw databaseError('Transaction is still running a query');
    return transaction;
  }

  /** Runs `work` on the transaction's connection. */
  async use<T>(id: string, work: (session: Session) => Promise<T>): Promise<T> {
    const transaction = this.take(id);
    transaction.busy = true;
    clearTimeout(transaction.timer);
    try {
      return await work(transaction.session);
    } catch (error) {
      if (error instanceof pg.DatabaseError) transaction.failure ??= serverErrorText(error);
      else if (!(error instanceof DataApiError)) this.forget(transaction, error as Error); // the connection failed
      throw error;
    } finally {
      transaction.busy = false;
      if (this.open.has(id)) this.arm(transaction);
    }
  }

  private forget(transaction: Transaction, error?: Error): void {
    clearTimeout(transaction.timer);
    if (this.open.delete(transaction.id)) transaction.session.client.release(error);
  }

  private async end(transaction: Transaction, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (!this.open.has(transaction.id)) return;
    this.open.delete(transaction.id);
    clearTimeout(transaction.timer);
    const { client } = transaction.session;
    let outcome: string | null;
    try {
      outcome = (await client.query(command)).command;
      client.release();
    } catch (error) {
      client.release(error instanceof pg.DatabaseError ? undefined : (error as Error));
      throw error;
    }
    if (command === 'COMMIT' && outcome === 'ROLLBACK') {
      const cause = transaction.failure ?? 'unknown';
      throw databaseError(
        `The database returned ROLLBACK, so the transaction cannot be committed. Transaction failure cause is <<${cause}>>; SQLState: 25P02`,
      );
    }
  }

  commit(id: string): Promise<void> {
    return this.end(this.take(id), 'COMMIT');
  }

  rollback(id: string): Promise<void> {
    return this.end(this.take(id), 'ROLLBACK');
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((t) => this.end(t, 'ROLLBACK').catch(() => undefined)));
  }
}

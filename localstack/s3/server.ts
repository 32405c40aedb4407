/**
 * The local S3 endpoint: s3rver in a child process of ours (it must run under
 * `--openssl-legacy-provider`, see s3rver-process.cjs), path-style, its objects under a directory
 * that survives restarts, the app's buckets created with their CORS rule at startup. The child
 * stops with `close()` and also when this process dies (its IPC channel closes).
 *
 * s3rver checks no signature and no checksum: tests must hash what they read back.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corsXml } from './bucket.ts';

export interface S3ServerOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where buckets and objects live; kept across restarts. */
  readonly directory: string;
  /** The access key s3rver accepts besides its own (it verifies no signature). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Buckets to create when missing; with `webOrigin`, a CORS rule for that origin (replaced on every start). */
  readonly buckets: ReadonlyArray<{ readonly name: string; readonly webOrigin?: string }>;
  /** Receives the server's own output (startup failures, crashes). */
  readonly log?: (text: string) => void;
  /** @default 20000 */
  readonly startTimeoutMs?: number;
}

export interface S3Server {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const script = fileURLToPath(new URL('./s3rver-process.cjs', import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.directory, { recursive: true });
  const settings = {
    host,
    port: options.port,
    directory: options.directory,
    accessKeyId: options.credentials.accessKeyId,
    secretAccessKey: options.credentials.secretAccessKey,
    buckets: options.buckets.map((b) => ({
      name: b.name,
      configs: b.webOrigin === undefined ? [] : [corsXml(b.webOrigin)],
    })),
  };
  // Our own flags only: a test runner's or tsx's NODE_OPTIONS (loaders) mean nothing to this script.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = fork(script, [], {
    execPath: process.execPath,
    execArgv: ['--openssl-legacy-provider'],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      output = (output + text).slice(-4000);
      options.log?.(text);
    });
  }

  child.send({ start: settings });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the local S3 server did not start within ${options.startTimeoutMs ?? 20_000} ms:\n${output}`));
    }, options.startTimeoutMs ?? 20_000);
    child.on('message', (message: { ready?: number }) => {
      if (typeof message.ready !== 'number') return;
      clearTimeout(timer);
      resolve(message.ready);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the local S3 server exited (${signal ?? code}) before listening:\n${output}`));
    });
  });

  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) options.log?.(`the local S3 server exited unexpectedly (${signal ?? code})\n`);
  });
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ stop: true });
      else child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    },
  };
}

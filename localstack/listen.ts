/**
 * How the local endpoints listen: on `host` (loopback unless told otherwise) and `port` (0 picks a
 * free one), with a 5 s keep-alive; the URL they answer on is the port they actually got; and how
 * the simple ones stop.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  readonly url: string;
  readonly port: number;
}

/** Listens, or rejects with the listen error (a port in use). */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<Listening> {
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://${host}:${actual}`, port: actual };
}

/**
 * A `close()` for a server whose requests are short: it stops listening, drops idle keep-alive
 * connections at once and busy ones after `graceMs`, and resolves when the server has closed.
 * Calling it again returns the same promise.
 */
export function closer(server: Server, graceMs = 1_000): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((done) => {
      server.close(() => done());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), graceMs).unref();
    });
    return closing;
  };
}

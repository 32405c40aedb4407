/**
 * How the local endpoints listen: on `host` (loopback unless told otherwise) and `port` (0 picks a
 * free one), with a 5 s keep-alive; the URL they answer on is the port they actually got.
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

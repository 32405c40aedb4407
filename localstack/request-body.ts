/**
 * Reading a request body under a size limit, as the local AWS endpoints do: past the limit the rest
 * is still drained, so the client gets the endpoint's refusal rather than a reset connection.
 */
import type { IncomingMessage } from 'node:http';

/** The whole body, or undefined when it is larger than `limit` bytes (and was drained). */
export async function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

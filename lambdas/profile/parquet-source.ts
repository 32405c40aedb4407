/**
 * The bytes under the Parquet reader: a source read by ranges (S3 ranged GETs, or a local file),
 * the view hyparquet reads through, and the two kinds of failure kept apart: the file is not
 * readable Parquet (ParquetFormatError, a reason for a person), or reading the source failed (the
 * source's own error, passed on so that it stays retryable).
 */
import { open } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';

/** Bytes of a file read by range; `end` is exclusive, as in `slice`. */
export interface RangeSource {
  readonly byteLength: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** The bytes are not a Parquet file this reader can read; the message says why, for a person. */
export class ParquetFormatError extends Error {
  override readonly name = 'ParquetFormatError';
}

/** A failure of the RangeSource itself (network, permissions): passed on untouched. */
export class SourceReadError extends Error {}

/** hyparquet's view of the source: ranges inside the already-read tail come from memory. */
export function asyncBuffer(source: RangeSource, tail: Uint8Array): AsyncBuffer {
  const tailStart = source.byteLength - tail.length;
  return {
    byteLength: source.byteLength,
    async slice(start, end = source.byteLength) {
      if (start >= tailStart) return tail.slice(start - tailStart, end - tailStart).buffer;
      let bytes: Uint8Array;
      try {
        bytes = await readExact(source, start, end);
      } catch (error) {
        throw error instanceof ParquetFormatError ? error : new SourceReadError('read failed', { cause: error });
      }
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      return whole && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
    },
  };
}

export async function readExact(source: RangeSource, start: number, end: number): Promise<Uint8Array> {
  const bytes = await source.read(start, end);
  if (bytes.byteLength !== end - start) {
    throw new ParquetFormatError(
      `truncated: bytes ${start}-${end} of a ${source.byteLength}-byte file came back as ${bytes.byteLength} bytes`,
    );
  }
  return bytes;
}

export function readError(error: unknown, where: string): unknown {
  if (error instanceof SourceReadError) return error.cause;
  if (error instanceof ParquetFormatError) return error;
  return new ParquetFormatError(`corrupt Parquet data in ${where}: ${messageOf(error)}`, { cause: error });
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
export const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** A local file as a RangeSource, for tests and benchmarks. Close it when done. */
export async function fileRangeSource(path: string): Promise<RangeSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async read(start, end) {
      const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - start));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}

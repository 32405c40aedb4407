/**
 * Where a run reads and writes bytes: an `s3://bucket/key` URI, through the AWS SDK's S3 client,
 * or a local path. Reads land in a local file hashed on the way (one pass, one copy); writes of a
 * local file are atomic (a temporary sibling renamed into place), as S3 puts are.
 *
 * The S3 client uses the settings PITFALLS.md requires ('WHEN_REQUIRED' checksums) and
 * path-style addressing when TALATY_S3_FORCE_PATH_STYLE=1; the endpoint, region and credentials
 * come from the SDK's standard sources (AWS_ENDPOINT_URL_S3, AWS_REGION, the task role…).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export class LocationError extends Error {
  override readonly name = 'LocationError';
  constructor(
    message: string,
    /** True when writing failed, false when reading did. */
    readonly writing = false,
  ) {
    super(message);
  }
}

export interface S3Address {
  readonly bucket: string;
  readonly key: string;
}

export function s3Address(location: string): S3Address | null {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(location);
  return match === null ? null : { bucket: match[1] as string, key: match[2] as string };
}

/** `name` under a prefix: an S3 prefix or a local directory. */
export function locationIn(prefix: string, name: string): string {
  if (prefix.startsWith('s3://')) return `${prefix.replace(/\/*$/, '/')}${name}`;
  return `${prefix.replace(/[/\\]*$/, '')}/${name}`;
}

const reason = (error: unknown) => {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const name = e.code ?? (e.name !== undefined && e.name !== 'Error' ? e.name : undefined);
  return [name, e.message, status === undefined ? undefined : `HTTP ${status}`]
    .filter((x) => x !== undefined && x !== '')
    .join(': ');
};

export interface Downloaded {
  readonly bytes: number;
  readonly sha256: string;
}

/** Counts and hashes the chunks it is given. */
function digest() {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    add(chunk: Buffer): void {
      hash.update(chunk);
      bytes += chunk.length;
    },
    result: (): Downloaded => ({ bytes, sha256: hash.digest('hex') }),
  };
}

/** Fills a temporary sibling of a local file, then renames it into place: the file appears whole or not at all. */
async function replaceFile(location: string, fill: (partial: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(location), { recursive: true });
  const partial = `${location}.partial-${process.pid}`;
  await fill(partial);
  await rename(partial, location);
}

export class Locations {
  private client: S3Client | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private s3(): S3Client {
    this.client ??= new S3Client({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      forcePathStyle: this.env.TALATY_S3_FORCE_PATH_STYLE === '1',
    });
    return this.client;
  }

  private address(location: string): S3Address {
    const address = s3Address(location);
    if (address === null || address.key === '') throw new LocationError(`${location} is not an s3://bucket/key URI`);
    return address;
  }

  private async body(location: string): Promise<Readable> {
    const { bucket, key } = this.address(location);
    try {
      const answer = await this.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (answer.Body === undefined) throw new Error('S3 returned no body');
      return answer.Body as Readable;
    } catch (error) {
      throw new LocationError(`cannot read ${location}: ${reason(error)}`);
    }
  }

  async readText(location: string): Promise<string> {
    if (!location.startsWith('s3://')) {
      try {
        return await readFile(location, 'utf8');
      } catch (error) {
        throw new LocationError(`cannot read ${location}: ${reason(error)}`);
      }
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await this.body(location)) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof LocationError) throw error;
      throw new LocationError(`cannot read ${location}: ${reason(error)}`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** SHA-256 and size of a local file, streamed. */
  async hashFile(path: string): Promise<Downloaded> {
    const seen = digest();
    try {
      for await (const chunk of createReadStream(path)) seen.add(chunk as Buffer);
    } catch (error) {
      throw new LocationError(`cannot read ${path}: ${reason(error)}`);
    }
    return seen.result();
  }

  /** Copies an S3 object into a local file, hashing it as it streams by. */
  async download(location: string, file: string): Promise<Downloaded> {
    const seen = digest();
    const body = await this.body(location);
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            seen.add(chunk);
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (error) {
      throw new LocationError(`cannot download ${location} to ${file}: ${reason(error)}`);
    }
    return seen.result();
  }

  /** Writes a document; a local file appears complete or not at all. */
  async write(location: string, body: string | Buffer, contentType: string): Promise<void> {
    try {
      if (location.startsWith('s3://')) {
        const { bucket, key } = this.address(location);
        await this.s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
        return;
      }
      await replaceFile(location, (partial) => writeFile(partial, body));
    } catch (error) {
      throw new LocationError(`cannot write ${location}: ${reason(error)}`, true);
    }
  }

  /** Copies a local file to the location (streamed to S3; renamed into place locally when possible). */
  async upload(file: string, location: string, contentType: string): Promise<void> {
    try {
      if (location.startsWith('s3://')) {
        const { bucket, key } = this.address(location);
        const { size } = await stat(file);
        await this.s3().send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: createReadStream(file),
            ContentLength: size,
            ContentType: contentType,
          }),
        );
        return;
      }
      await replaceFile(location, (partial) => pipeline(createReadStream(file), createWriteStream(partial)));
    } catch (error) {
      throw new LocationError(`cannot write ${location}: ${reason(error)}`, true);
    }
  }

  /** Removes the object or file if it exists. */
  async remove(location: string): Promise<void> {
    try {
      if (location.startsWith('s3://')) {
        const { bucket, key } = this.address(location);
        await this.s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } else {
        await rm(location, { force: true });
      }
    } catch (error) {
      throw new LocationError(`cannot remove ${location}: ${reason(error)}`, true);
    }
  }
}

/**
 * The artifact bucket through the real S3 client: presigned upload and download URLs, multipart
 * uploads, heads, streamed and ranged reads, JSON documents. Every client is built with the
 * checksum settings PITFALLS.md requires (SDK default checksums break presigned PUTs and corrupt
 * streamed uploads on S3-compatible servers) and path-style addressing where the endpoint needs it.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { envNames } from '../environment.ts';

export function s3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    forcePathStyle: env[envNames.s3ForcePathStyle] === '1',
  });
}

export interface ObjectHead {
  readonly size: number;
  /** The entity tag, without quotes. */
  readonly etag: string;
}

export interface CompletedPart {
  readonly part_number: number;
  readonly etag: string;
}

const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

/** The S3 error name (NoSuchKey, NoSuchUpload, InvalidPart, PreconditionFailed, …) or undefined. */
export function s3ErrorName(error: unknown): string | undefined {
  if (error instanceof S3ServiceException) return error.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status === 404) return 'NotFound';
  if (status === 412) return 'PreconditionFailed';
  return undefined;
}

export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  uri(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  /** A URL that accepts one PUT of the object's bytes until it expires. */
  presignPut(key: string, expiresIn: number): Promise<string> {
    return getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn });
  }

  presignPart(key: string, uploadId: string, partNumber: number, expiresIn: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn },
    );
  }

  /** A URL to GET the object until it expires, saved as `filename` by browsers. */
  presignGet(key: string, expiresIn: number, options: { filename?: string } = {}): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(options.filename === undefined
          ? {}
          : { ResponseContentDisposition: `attachment; filename="${options.filename.replace(/"/g, '')}"` }),
      }),
      { expiresIn },
    );
  }

  async createMultipart(key: string): Promise<string> {
    const answer = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }));
    if (answer.UploadId === undefined) throw new Error(`S3 gave no upload id for ${key}`);
    return answer.UploadId;
  }

  async completeMultipart(key: string, uploadId: string, parts: readonly CompletedPart[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.part_number, ETag: `"${unquote(p.etag)}"` })),
        },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if (s3ErrorName(error) !== 'NoSuchUpload') throw error;
    }
  }

  /** The object's size and tag, or undefined when there is none. */
  async head(key: string): Promise<ObjectHead | undefined> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(answer.ContentLength ?? 0), etag: unquote(answer.ETag) };
    } catch (error) {
      const name = s3ErrorName(error);
      if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** The object's bytes as a stream, refused (PreconditionFailed) when its tag is no longer `ifMatch`. */
  async stream(key: string, ifMatch?: string): Promise<AsyncIterable<Uint8Array>> {
    const answer = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(ifMatch === undefined ? {} : { IfMatch: `"${ifMatch}"` }),
      }),
    );
    if (answer.Body === undefined) throw new Error(`S3 returned no body for ${key}`);
    return answer.Body as AsyncIterable<Uint8Array>;
  }

  /** Bytes [start, end) of the object. */
  async range(key: string, start: number, end: number, ifMatch?: string): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const answer = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Range: `bytes=${start}-${end - 1}`,
        ...(ifMatch === undefined ? {} : { IfMatch: `"${ifMatch}"` }),
      }),
    );
    if (answer.Body === undefined) throw new Error(`S3 returned no body for ${key}`);
    const data = await answer.Body.transformToByteArray();
    if (data.length !== end - start) {
      throw new Error(`S3 returned ${data.length} bytes of ${key} for the range ${start}-${end - 1}`);
    }
    return data;
  }

  async putJson(key: string, document: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: `${JSON.stringify(document, null, 2)}\n`,
        ContentType: 'application/json',
      }),
    );
  }

  async getJson(key: string): Promise<unknown> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (answer.Body === undefined) throw new Error(`S3 returned no body for ${key}`);
    return JSON.parse(await answer.Body.transformToString('utf8'));
  }

  /** The objects under `prefix`, in key order. */
  async list(prefix: string): Promise<Array<{ readonly key: string; readonly size: number }>> {
    const objects: Array<{ key: string; size: number }> = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key !== undefined) objects.push({ key: item.Key, size: item.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return objects;
  }

  /** Copies an object of the bucket to another key. */
  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${encodeURI(fromKey)}` }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/**
 * Dataset versions: creating one hands out presigned upload targets (the bytes go straight to S3,
 * never through a Lambda payload); committing checks the upload, freezes which object was
 * committed, and starts profiling asynchronously. READY versions are immutable: re-uploading or
 * re-committing is a conflict, and a stored object that changed afterwards is detected.
 */
import { randomUUID } from 'node:crypto';
import {
  type CommitRequest,
  type DatasetDownload,
  type DatasetProfile,
  type DatasetVersion,
  type DatasetVersionCreate,
  type DatasetVersionCreated,
  documents,
  type UploadPartsRequest,
  type UploadPartUrls,
} from '@talaty/schemas';
import type { z } from 'zod';
import type { DatasetConfig } from '../config.ts';
import type { ProfilingQueue } from '../jobs/profiling.ts';
import { bytes } from '../profile/fault.ts';
import type { ObjectStore } from '../storage/s3.ts';
import { s3ErrorName } from '../storage/s3.ts';
import type { DatasetVersionStore, StoredDatasetVersion } from '../store/dataset-versions.ts';
import type { Filter, Page } from '../store/pagination.ts';
import { ConflictError, invalidField, NotFoundError, UnavailableError, ValidationError } from './errors.ts';
import { listing } from './store-errors.ts';

const MiB = 1024 * 1024;
/** S3 allows at most 10,000 parts. */
const MAX_PARTS = 10_000;
/** Upload URLs live an hour (a part of 64 MiB needs only seconds); download links 15 minutes. */
export const UPLOAD_URL_SECONDS = 3600;
export const DOWNLOAD_URL_SECONDS = 900;

export const datasetKeys = (datasetId: string, version: number, format: DatasetVersion['format']) => ({
  data: `datasets/${datasetId}/${version}/data.${format}`,
  profile: `datasets/${datasetId}/${version}/profile.json`,
});

/** One PUT up to one part's size; beyond it parts of at least `partBytes`, at most 10,000 of them. */
export function planUpload(size: number, partBytes: number): { partSize: number; partCount: number } | null {
  if (size <= partBytes) return null;
  const partSize = Math.max(partBytes, Math.ceil(size / MAX_PARTS / MiB) * MiB);
  return { partSize, partCount: Math.ceil(size / partSize) };
}

export interface VersionFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly status?: DatasetVersion['status'] | undefined;
  readonly created_by?: string | undefined;
}

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export class DatasetVersionService {
  constructor(
    private readonly store: DatasetVersionStore,
    private readonly objects: ObjectStore,
    private readonly profiling: ProfilingQueue,
    private readonly limits: Pick<DatasetConfig, 'maxBytes' | 'partBytes'>,
  ) {}

  async create(
    datasetId: string,
    request: z.output<typeof DatasetVersionCreate>,
    by: string,
  ): Promise<z.output<typeof DatasetVersionCreated>> {
    if (request.size_bytes > this.limits.maxBytes) {
      throw invalidField('size_bytes', `is larger than the ${bytes(this.limits.maxBytes)} a dataset version may have`);
    }
    const plan = planUpload(request.size_bytes, this.limits.partBytes);
    const stored = await this.store.insertNext(
      randomUUID(),
      datasetId,
      {
        format: request.format,
        delimiter: request.delimiter ?? null,
        size_bytes: request.size_bytes,
        as_of: request.as_of ?? null,
      },
      by,
      async (version) => {
        const key = datasetKeys(datasetId, version, request.format).data;
        if (plan === null) return { storageUri: this.objects.uri(key), upload: { method: 'PUT' as const } };
        const uploadId = await this.objects.createMultipart(key);
        return {
          storageUri: this.objects.uri(key),
          upload: { multipart: { upload_id: uploadId, part_size: plan.partSize, part_count: plan.partCount } },
        };
      },
    );
    if (stored === undefined) throw new NotFoundError(`No dataset has id ${datasetId}.`);
    const version = this.pending(stored);
    if ('multipart' in version.upload) return { ...version, upload: version.upload };
    const key = datasetKeys(datasetId, version.version, version.format).data;
    const url = await this.objects.presignPut(key, UPLOAD_URL_SECONDS);
    return { ...version, upload: { method: 'PUT', url, expires_at: expiry(UPLOAD_URL_SECONDS) } };
  }

  async get(datasetId: string, version: number): Promise<DatasetVersion> {
    return (await this.find(datasetId, version)).version;
  }

  async getById(id: string): Promise<DatasetVersion> {
    const found = await this.store.getById(id);
    if (found === undefined) throw new NotFoundError(`No dataset version has id ${id}.`);
    return found.version;
  }

  async list(datasetId: string, query: VersionFilters): Promise<Page<DatasetVersion>> {
    if (!(await this.store.datasetExists(datasetId))) throw new NotFoundError(`No dataset has id ${datasetId}.`);
    const filters: Filter[] = [
      { op: 'eq', column: 'status', value: query.status },
      { op: 'eq', column: 'created_by', value: query.created_by },
    ];
    return listing(() => this.store.list(datasetId, { limit: query.limit, cursor: query.cursor, filters }));
  }

  async uploadParts(
    datasetId: string,
    version: number,
    request: z.output<typeof UploadPartsRequest>,
  ): Promise<z.output<typeof UploadPartUrls>> {
    const pending = this.pending(await this.find(datasetId, version));
    if (!('multipart' in pending.upload)) {
      throw new ConflictError(`Version ${version} uploads with one PUT to the URL it was created with, not in parts.`);
    }
    const { upload_id, part_count } = pending.upload.multipart;
    const details = request.part_numbers.flatMap((n, i) =>
      n > part_count ? [{ path: `part_numbers.${i}`, message: `must be at most ${part_count} (the part count)` }] : [],
    );
    if (details.length > 0) throw new ValidationError(`part_numbers: ${details[0]?.message}`, details);
    const key = datasetKeys(datasetId, version, pending.format).data;
    const parts = await Promise.all(
      request.part_numbers.map(async (part_number) => ({
        part_number,
        url: await this.objects.presignPart(key, upload_id, part_number, UPLOAD_URL_SECONDS),
      })),
    );
    return { parts, expires_at: expiry(UPLOAD_URL_SECONDS) };
  }

  /**
   * Completes the upload and starts profiling. An upload of the wrong size or over the limit ends
   * the version FAILED right here, with the reason; a missing upload leaves it pending.
   */
  async commit(datasetId: string, version: number, request: z.output<typeof CommitRequest>): Promise<DatasetVersion> {
    const stored = await this.find(datasetId, version);
    const pending = this.pending(stored);
    const key = datasetKeys(datasetId, version, pending.format).data;
    if ('multipart' in pending.upload) {
      await this.completeParts(key, pending.upload.multipart, request.parts);
    } else if (request.parts !== undefined) {
      throw invalidField('parts', `version ${version} was uploaded with one PUT; commit it without parts`);
    }
    const head = await this.objects.head(key);
    if (head === undefined) {
      throw new ConflictError(
        `Nothing has been uploaded for version ${version} yet: upload the file to its URL, then commit.`,
      );
    }
    if (head.size === 0) {
      return this.fail(pending.id, 'EMPTY_FILE', 'The uploaded file is empty.');
    }
    if (head.size > this.limits.maxBytes) {
      return this.fail(
        pending.id,
        'FILE_TOO_LARGE',
        `The file has ${bytes(head.size)}, more than the ${bytes(this.limits.maxBytes)} a dataset version may have.`,
      );
    }
    if (head.size !== pending.size_bytes) {
      return this.fail(
        pending.id,
        'SIZE_MISMATCH',
        `The uploaded file has ${head.size} bytes but the version was created for ${pending.size_bytes}: the upload is incomplete or a different file. Create a new version with the right size.`,
      );
    }
    const started = await this.store.startProfiling(pending.id, request.target_column ?? null, head.etag);
    if (started === undefined) return this.conflictNow(datasetId, version);
    try {
      await this.profiling.start({ dataset_version_id: pending.id });
    } catch (error) {
      await this.store.backToPending(pending.id);
      throw new UnavailableError(
        `Profiling could not be started (${(error as Error).message}); the version is still pending: commit again.`,
      );
    }
    return started.version;
  }

  /**
   * Gives up a version whose upload is under way or abandoned: FAILED with UPLOAD_CANCELLED first
   * (a commit that wins the race keeps its object), then its partial upload is removed.
   */
  async cancel(datasetId: string, version: number, by: string): Promise<DatasetVersion> {
    const pending = this.pending(await this.find(datasetId, version));
    const failure = {
      code: 'UPLOAD_CANCELLED',
      message: `The upload was cancelled by ${by}; create a new version to upload the data.`,
    };
    const failed = await this.store.markFailed(pending.id, failure, ['PENDING_UPLOAD']);
    if (failed === undefined) return this.conflictNow(datasetId, version);
    const key = datasetKeys(datasetId, version, pending.format).data;
    if ('multipart' in pending.upload) await this.objects.abortMultipart(key, pending.upload.multipart.upload_id);
    await this.objects.delete(key);
    return failed.version;
  }

  async profile(datasetId: string, version: number): Promise<DatasetProfile> {
    const ready = this.ready((await this.find(datasetId, version)).version);
    const document = await this.objects.getJson(datasetKeys(datasetId, version, ready.format).profile);
    return documents.DatasetProfile.parse(document);
  }

  /** A short-lived link to the bytes, refused when the stored object is no longer the one profiled. */
  async download(datasetId: string, version: number, datasetName: string): Promise<z.output<typeof DatasetDownload>> {
    const stored = await this.find(datasetId, version);
    const ready = this.ready(stored.version);
    const key = datasetKeys(datasetId, version, ready.format).data;
    const head = await this.objects.head(key);
    if (head === undefined) {
      throw new ConflictError(`The bytes of version ${version} are missing from storage (${ready.storage_uri}).`);
    }
    if (head.etag !== stored.objectEtag || head.size !== ready.size_bytes) {
      throw new ConflictError(
        `The stored object of version ${version} changed after it was profiled (sha256 ${ready.sha256}); ` +
          'it is no longer the data this version describes.',
        [{ path: 'storage_uri', message: 'object changed since it was committed' }],
      );
    }
    const filename = `${datasetName}-v${version}.${ready.format}`;
    const url = await this.objects.presignGet(key, DOWNLOAD_URL_SECONDS, { filename });
    return {
      url,
      expires_at: expiry(DOWNLOAD_URL_SECONDS),
      filename,
      size_bytes: ready.size_bytes,
      sha256: ready.sha256,
    };
  }

  private async completeParts(
    key: string,
    multipart: { upload_id: string; part_count: number },
    parts: z.output<typeof CommitRequest>['parts'],
  ): Promise<void> {
    if (parts === undefined) {
      throw invalidField(
        'parts',
        `a multipart upload is committed with its ${multipart.part_count} parts and their ETags`,
      );
    }
    const details = parts.flatMap((p, i) =>
      p.part_number !== i + 1
        ? [
            {
              path: `parts.${i}.part_number`,
              message: `must be ${i + 1}: list parts 1 to ${multipart.part_count} in order`,
            },
          ]
        : [],
    );
    if (parts.length !== multipart.part_count) {
      details.push({ path: 'parts', message: `must list all ${multipart.part_count} parts, not ${parts.length}` });
    }
    if (details.length > 0) throw new ValidationError(`parts: ${details[0]?.message}`, details);
    try {
      await this.objects.completeMultipart(key, multipart.upload_id, parts);
    } catch (error) {
      const name = s3ErrorName(error);
      // Completed by an earlier commit whose answer was lost: the object is there.
      if (name === 'NoSuchUpload' && (await this.objects.head(key)) !== undefined) return;
      if (name === 'InvalidPart' || name === 'InvalidPartOrder' || name === 'EntityTooSmall') {
        throw invalidField('parts', `S3 refused the parts (${name}): ${(error as Error).message}`);
      }
      if (name === 'NoSuchUpload') {
        throw new ConflictError('The multipart upload no longer exists (expired or aborted); create a new version.');
      }
      throw error;
    }
  }

  private async fail(id: string, code: string, message: string): Promise<DatasetVersion> {
    const failed = await this.store.markFailed(id, { code, message }, ['PENDING_UPLOAD']);
    if (failed === undefined) throw new ConflictError('The version changed while it was being committed.');
    return failed.version;
  }

  private async find(datasetId: string, version: number): Promise<StoredDatasetVersion> {
    const found = await this.store.get(datasetId, version);
    if (found === undefined) throw new NotFoundError(`Dataset ${datasetId} has no version ${version}.`);
    return found;
  }

  private async conflictNow(datasetId: string, version: number): Promise<never> {
    this.pending(await this.find(datasetId, version));
    throw new ConflictError(`Version ${version} changed while it was being committed.`);
  }

  private pending(stored: StoredDatasetVersion) {
    const v = stored.version;
    if (v.status === 'PENDING_UPLOAD') return v;
    const why = {
      PROFILING: 'is already committed and being profiled',
      READY: 'is READY and can never change',
      FAILED: 'has FAILED and can never change',
    }[v.status];
    throw new ConflictError(`Version ${v.version} ${why}; upload new data as a new version.`, [
      { path: 'status', message: `is ${v.status}` },
    ]);
  }

  private ready(v: DatasetVersion) {
    if (v.status !== 'READY') {
      throw new ConflictError(
        `Version ${v.version} is ${v.status}; only a READY version has a profile and data to download.`,
        [{ path: 'status', message: `is ${v.status}` }],
      );
    }
    return v;
  }
}

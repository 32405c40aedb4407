/**
 * The asynchronous side of dataset versions: profiling a committed object (streamed from S3, in
 * memory independent of its size), recording the outcome, and expiring versions whose upload
 * never came or whose profiling never ended. The profile document is written before the version
 * turns READY, so a READY version always has one; a FAILED version never does.
 */
import { type DatasetProfile, type DatasetVersion, documents, type Failure } from '@talaty/schemas';
import type { z } from 'zod';
import type { DatasetConfig } from '../config.ts';
import type { ProfileRequest } from '../jobs/profiling.ts';
import { DatasetFault } from '../profile/fault.ts';
import { type ProfileFindings, profileCsv } from '../profile/profile.ts';
import { type ObjectStore, s3ErrorName } from '../storage/s3.ts';
import type { DatasetVersionStore, StoredDatasetVersion } from '../store/dataset-versions.ts';
import { datasetKeys } from './dataset-versions.ts';

/** Longest a version may stay PROFILING: Lambda's 6 h event age, three 15-minute attempts, slack. */
export const PROFILING_TIMEOUT_SECONDS = 7 * 3600;

export type Log = (message: string, fields?: Record<string, unknown>) => void;

export type ProfileOutcome = 'READY' | 'FAILED' | 'SKIPPED';

/** Reads the stored object of a version for profiling; Parquet needs ranged reads. */
export type ParquetProfiler = (
  source: {
    byteLength: number;
    read(start: number, end: number): Promise<Uint8Array>;
    stream(): Promise<AsyncIterable<Uint8Array>>;
  },
  options: { targetColumn: string | null; maxBytes: number },
) => Promise<ProfileFindings>;

/** The failure destination's work: every attempt crashed or timed out, so the version FAILED. */
export async function giveUp(store: DatasetVersionStore, request: ProfileRequest, reason: string, log: Log) {
  const failed = await store.markFailed(
    request.dataset_version_id,
    { code: 'PROFILING_FAILED', message: `Profiling did not finish after its retries: ${reason}`.slice(0, 4000) },
    ['PROFILING'],
  );
  log('profiling gave up', { ...request, recorded: failed !== undefined, reason });
}

export class DatasetProfiling {
  constructor(
    private readonly store: DatasetVersionStore,
    private readonly objects: ObjectStore,
    private readonly limits: Pick<DatasetConfig, 'maxBytes' | 'maxDecompressedBytes'>,
    private readonly log: Log,
    private readonly parquet?: ParquetProfiler,
  ) {}

  async profile(request: ProfileRequest): Promise<ProfileOutcome> {
    const stored = await this.store.getById(request.dataset_version_id);
    if (stored === undefined || stored.version.status !== 'PROFILING') {
      // A retry after success, or a version expired meanwhile: nothing to do.
      this.log('profiling skipped', { ...request, status: stored?.version.status ?? 'missing' });
      return 'SKIPPED';
    }
    const v = stored.version;
    const started = Date.now();
    let findings: ProfileFindings;
    try {
      findings = await this.read(stored);
    } catch (error) {
      const failure = this.failureOf(error, v);
      if (failure === undefined) throw error; // not the data's fault: let Lambda retry
      await this.store.markFailed(v.id, failure, ['PROFILING']);
      this.log('profiling failed', { dataset_version_id: v.id, ...failure });
      return 'FAILED';
    }
    const keys = datasetKeys(v.dataset_id, v.version, v.format);
    const profile: DatasetProfile = documents.DatasetProfile.parse({
      dataset_id: v.dataset_id,
      version: v.version,
      format: v.format,
      ...findings,
      profiled_at: new Date().toISOString(),
      duration_ms: Date.now() - started,
    });
    await this.objects.putJson(keys.profile, profile);
    const ready = await this.store.markReady(v.id, {
      sha256: profile.sha256,
      row_count: profile.row_count,
      columns: profile.columns.map(({ name, type, missing_count }) => ({ name, type, missing_count })),
      delimiter: profile.delimiter,
      profile_uri: this.objects.uri(keys.profile),
    });
    if (ready === undefined) {
      // Expired or failed meanwhile: a version that is not READY keeps no profile.
      await this.objects.delete(keys.profile);
    }
    this.log('profiled', {
      dataset_version_id: v.id,
      status: ready?.version.status ?? 'changed meanwhile',
      rows: profile.row_count,
      columns: profile.columns.length,
      bytes: profile.size_bytes,
      ms: profile.duration_ms,
    });
    return ready === undefined ? 'SKIPPED' : 'READY';
  }

  /** Expires versions whose upload never came and versions stuck in PROFILING. */
  async sweep(uploadTtlSeconds: number): Promise<{ expired: number; timedOut: number }> {
    let expired = 0;
    for (const stale of await this.store.stale('PENDING_UPLOAD', uploadTtlSeconds, 500)) {
      const v = stale.version;
      const hours = Math.round((uploadTtlSeconds / 3600) * 10) / 10;
      // Failed first: a commit that wins the race keeps its object; only a version that is
      // certainly expired loses its partial upload.
      const failed = await this.store.markFailed(
        v.id,
        {
          code: 'UPLOAD_EXPIRED',
          message: `No upload was committed within ${hours < 1 ? `${uploadTtlSeconds} seconds` : `${hours} hours`} of creating version ${v.version}; create a new version to upload the data.`,
        },
        ['PENDING_UPLOAD'],
      );
      if (failed === undefined) continue;
      expired += 1;
      const key = datasetKeys(v.dataset_id, v.version, v.format).data;
      if (stale.upload !== null && 'multipart' in stale.upload) {
        await this.objects.abortMultipart(key, stale.upload.multipart.upload_id);
      }
      await this.objects.delete(key);
    }
    let timedOut = 0;
    for (const stuck of await this.store.stale('PROFILING', PROFILING_TIMEOUT_SECONDS, 500)) {
      const failed = await this.store.markFailed(
        stuck.version.id,
        {
          code: 'PROFILING_TIMEOUT',
          message: 'Profiling did not finish within 7 hours; commit the data again as a new version.',
        },
        ['PROFILING'],
      );
      if (failed !== undefined) timedOut += 1;
    }
    this.log('sweep', { expired, timedOut });
    return { expired, timedOut };
  }

  private async read(stored: StoredDatasetVersion): Promise<ProfileFindings> {
    const v = stored.version;
    const key = datasetKeys(v.dataset_id, v.version, v.format).data;
    const etag = stored.objectEtag ?? undefined;
    if (v.format === 'parquet') {
      if (this.parquet === undefined) throw new Error('this profiler was built without Parquet support');
      const head = await this.objects.head(key);
      if (head === undefined)
        throw new DatasetFault('OBJECT_MISSING', `The committed object ${v.storage_uri} is gone.`);
      return this.parquet(
        {
          byteLength: head.size,
          read: (start, end) => this.objects.range(key, start, end, etag),
          stream: () => this.objects.stream(key, etag),
        },
        { targetColumn: v.target_column, maxBytes: this.limits.maxBytes },
      );
    }
    return profileCsv(await this.objects.stream(key, etag), {
      format: v.format,
      delimiter: v.delimiter,
      targetColumn: v.target_column,
      maxBytes: this.limits.maxBytes,
      maxDecompressedBytes: this.limits.maxDecompressedBytes,
      objectBytes: v.size_bytes,
    });
  }

  private failureOf(error: unknown, v: DatasetVersion): z.output<typeof Failure> | undefined {
    if (error instanceof DatasetFault) return { code: error.code, message: error.message };
    const name = s3ErrorName(error);
    if (name === 'PreconditionFailed') {
      return {
        code: 'OBJECT_CHANGED',
        message: `The object at ${v.storage_uri} was replaced after version ${v.version} was committed; create a new version for new data.`,
      };
    }
    if (name === 'NoSuchKey' || name === 'NotFound') {
      return { code: 'OBJECT_MISSING', message: `The committed object ${v.storage_uri} is gone.` };
    }
    return undefined;
  }
}

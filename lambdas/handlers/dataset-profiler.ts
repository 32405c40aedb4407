/**
 * The dataset profiler, invoked asynchronously (InvocationType Event) when a version is committed.
 * A problem with the data ends the version FAILED with its reason and returns normally; any other
 * error is thrown, so Lambda retries and finally hands the event to the failure destination.
 */
import { datasetConfig } from '../config.ts';
import { DatasetProfiling } from '../domain/dataset-profiling.ts';
import { ProfileRequest } from '../jobs/profiling.ts';
import { profileParquet } from '../profile/parquet-profile.ts';
import { ObjectStore, s3Client } from '../storage/s3.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { database } from './database.ts';
import { log } from './log.ts';

const limits = datasetConfig();
const profiling = new DatasetProfiling(
  new DatasetVersionStore(database),
  new ObjectStore(s3Client(), limits.bucket),
  limits,
  log,
  profileParquet,
);

export const handler = async (event: unknown): Promise<{ outcome: string }> => {
  const request = ProfileRequest.safeParse(event);
  if (!request.success) {
    log('not a profile request', { event, problem: request.error.message });
    return { outcome: 'IGNORED' };
  }
  return { outcome: await profiling.profile(request.data) };
};

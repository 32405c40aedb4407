/**
 * The scheduled sweep (an EventBridge rule in AWS, a timer locally): expires dataset versions left
 * PENDING_UPLOAD past the upload time limit, aborting their multipart uploads, and versions stuck
 * in PROFILING, each FAILED with its reason.
 */
import { datasetConfig } from '../config.ts';
import { DatasetProfiling } from '../domain/dataset-profiling.ts';
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
);

export const handler = async (): Promise<{ expired: number; timedOut: number }> =>
  profiling.sweep(limits.uploadTtlSeconds);

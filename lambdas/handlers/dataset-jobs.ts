/** The dataset profiling service of the functions that work on dataset objects (profiler, sweep), built once at cold start. */
import { datasetConfig } from '../config.ts';
import { DatasetProfiling } from '../domain/dataset-profiling.ts';
import { profileParquet } from '../profile/parquet-profile.ts';
import { ObjectStore, s3Client } from '../storage/s3.ts';
import { DatasetVersionStore } from '../store/dataset-versions.ts';
import { database } from './database.ts';
import { log } from './log.ts';

export const limits = datasetConfig();

export const profiling = new DatasetProfiling(
  new DatasetVersionStore(database),
  new ObjectStore(s3Client(), limits.bucket),
  limits,
  log,
  profileParquet,
);

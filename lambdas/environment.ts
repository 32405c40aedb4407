/**
 * Names of the environment variables the CDK app sets on the functions and the handlers read
 * at cold start. One list, so the infrastructure and the code cannot drift apart.
 */
export const envNames = {
  /** ARN of the Aurora cluster the Data API talks to. */
  clusterArn: 'TALATY_DB_CLUSTER_ARN',
  /** ARN of the Secrets Manager secret holding the database credentials. */
  secretArn: 'TALATY_DB_SECRET_ARN',
  /** Database name inside the cluster. */
  databaseName: 'TALATY_DB_NAME',
  /** The artifact bucket. */
  bucket: 'TALATY_ARTIFACT_BUCKET',
  /** Origin allowed by CORS, e.g. https://talaty.example.com or http://127.0.0.1:5173. */
  webOrigin: 'TALATY_WEB_ORIGIN',
  /** Deployment stage name (dev, prod, …). */
  stage: 'TALATY_STAGE',
  /** Version of the deployed code, shown by GET /version. */
  version: 'TALATY_VERSION',
  /** Name (or ARN) of the dataset profiler function, invoked asynchronously on commit. */
  profilerFunction: 'TALATY_PROFILER_FUNCTION',
  /** Largest dataset object accepted, in bytes (declared size and stored size). */
  maxDatasetBytes: 'TALATY_MAX_DATASET_BYTES',
  /** Largest decompressed size of a gzip dataset, in bytes: the gzip-bomb limit. */
  maxDecompressedBytes: 'TALATY_MAX_DECOMPRESSED_BYTES',
  /** Seconds a version may stay PENDING_UPLOAD before the sweep expires it. */
  uploadTtlSeconds: 'TALATY_UPLOAD_TTL_SECONDS',
  /** Bytes per part of a multipart upload (at least 5 MiB); larger files upload in parts. */
  uploadPartBytes: 'TALATY_UPLOAD_PART_BYTES',
  /** "1" where the S3 endpoint needs path-style addressing (the local S3 server, MinIO). */
  s3ForcePathStyle: 'TALATY_S3_FORCE_PATH_STYLE',
  /** ARN of the RunPipeline state machine, which the runs API starts, stops and reads. */
  stateMachineArn: 'TALATY_STATE_MACHINE_ARN',
  /** Threads the runner task may use (its vCPUs); written into each run manifest by Prepare. */
  runnerThreads: 'TALATY_RUNNER_THREADS',
} as const;

/**
 * Names of the environment variables the CDK app sets on every API function and the handlers read
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
} as const;

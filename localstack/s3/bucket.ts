/**
 * The app's bucket as the local cloud provisions it: created when missing, with a CORS rule that
 * lets the web app PUT, GET and HEAD objects from its origin (presigned uploads read the `ETag`
 * of each part). The local S3 server gets the rule as XML at startup; an external S3 (MinIO,
 * LocalStack) gets it through the S3 API.
 */
import {
  type CORSRule,
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

/** The one CORS rule of the app's bucket, in the S3 API's shape. */
export function corsRule(webOrigin: string): CORSRule {
  return {
    AllowedOrigins: [webOrigin],
    AllowedMethods: ['PUT', 'GET', 'HEAD'],
    AllowedHeaders: ['*'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 3000,
  };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same rule as a `CORSConfiguration` document, as PutBucketCors sends it. */
export function corsXml(webOrigin: string): string {
  const rule = corsRule(webOrigin);
  const lines = [
    ...(rule.AllowedOrigins ?? []).map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`),
    ...(rule.AllowedMethods ?? []).map((m) => `<AllowedMethod>${m}</AllowedMethod>`),
    ...(rule.AllowedHeaders ?? []).map((h) => `<AllowedHeader>${escapeXml(h)}</AllowedHeader>`),
    ...(rule.ExposeHeaders ?? []).map((h) => `<ExposeHeader>${escapeXml(h)}</ExposeHeader>`),
    `<MaxAgeSeconds>${rule.MaxAgeSeconds}</MaxAgeSeconds>`,
  ];
  return `<CORSConfiguration><CORSRule>${lines.join('')}</CORSRule></CORSConfiguration>`;
}

/** An S3 client for a local or external endpoint, with the settings every client here needs. */
export function localS3Client(
  endpoint: string,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
  region: string,
): S3Client {
  return new S3Client({
    endpoint,
    region,
    credentials,
    forcePathStyle: true,
    // The SDK's default checksums break presigned PUTs and corrupt streamed uploads on s3rver.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface ProvisionOptions {
  readonly endpoint: string;
  readonly bucket: string;
  readonly webOrigin: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
  readonly log?: (text: string) => void;
}

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound');

/**
 * Creates the bucket on an S3 endpoint unless it exists, and puts its CORS rule. An endpoint without
 * the bucket CORS API (MinIO's community edition answers NotImplemented: its CORS is global) is
 * logged and tolerated.
 */
export async function provisionBucket(options: ProvisionOptions): Promise<void> {
  const client = localS3Client(options.endpoint, options.credentials, options.region);
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
      options.log?.(`created bucket ${options.bucket} on ${options.endpoint}\n`);
    }
    try {
      await client.send(
        new PutBucketCorsCommand({
          Bucket: options.bucket,
          CORSConfiguration: { CORSRules: [corsRule(options.webOrigin)] },
        }),
      );
    } catch (error) {
      if (!(error instanceof S3ServiceException && error.name === 'NotImplemented')) throw error;
      options.log?.(
        `${options.endpoint} has no bucket CORS API (NotImplemented); its own CORS settings apply to ${options.webOrigin}\n`,
      );
    }
  } finally {
    client.destroy();
  }
}

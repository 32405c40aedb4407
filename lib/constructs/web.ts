/**
 * The web app in AWS: the built single-page app in a private bucket behind CloudFront (origin
 * access control, security headers, SPA routing, long-lived hashed assets), the runtime
 * `config.json` written beside it at deploy time, and its sign-in (`WebAuth`).
 */

import type { WebConfig } from '@talaty/schemas';
import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { securityHeaders } from '../web-headers.ts';
import { logsExpiryDays } from './data.ts';
import { cognitoEndpoints, managedLoginUrl, WebAuth } from './web-auth.ts';

/** The runtime configuration the app reads from `/config.json` in AWS. */
export type AwsRuntimeConfig = Extract<z.input<typeof WebConfig>, { mode: 'aws' }>;

const CONFIG_FILE = 'config.json';
/** What a build holds beside the app: `buildWebApp()`'s stamp and Vite's manifest (for the size report). */
const NOT_SERVED = ['.build-hash', '.vite'];
/** Vite's content-hashed output: cached for a year, and kept across deploys for tabs still on an older build. */
const ASSETS = 'assets/*';

/**
 * CloudFront Function (viewer request): a path whose last segment has no extension is a route of
 * the app and gets index.html; anything else (a file) goes to the bucket as is, so a missing asset
 * stays a 404.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('.', uri.lastIndexOf('/')) === -1) request.uri = '/index.html';
  return request;
}`;

export interface WebDomain {
  /** e.g. talaty.example.com */
  readonly domainName: string;
  /** An ACM certificate in us-east-1 covering domainName. */
  readonly certificateArn: string;
}

export interface WebProps {
  readonly stage: string;
  /** The built app (`web/dist`): index.html, assets/… */
  readonly assetDir: string;
  /** The Metadata API: its URL goes into config.json, and web users may invoke it (and nothing else). */
  readonly api: apigw.RestApi;
  /** The artifact bucket: the app uploads to and downloads from it with presigned URLs. */
  readonly artifactsBucket: s3.IBucket;
  /** Receives the server access logs of the web buckets. */
  readonly accessLogsBucket: s3.IBucket;
  /** The configured web origin (stage config): a Cognito callback origin too when it is https. */
  readonly webOrigin: string;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** @default - the distribution's cloudfront.net name, with CloudFront's default certificate */
  readonly domain?: WebDomain | undefined;
  /** @default `talaty-<stage>-<account id>` */
  readonly authDomainPrefix?: string | undefined;
}

export class Web extends Construct {
  public readonly bucket: s3.Bucket;
  /** CloudFront's standard logs (CloudFront writes them with ACLs, so they need a bucket of their own). */
  public readonly distributionLogsBucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly headers: cloudfront.ResponseHeadersPolicy;
  public readonly spaRouting: cloudfront.Function;
  public readonly auth: WebAuth;
  /** The app's origin, e.g. https://d111111abcdef8.cloudfront.net. */
  public readonly url: string;
  /** True when the app has its own domain name and certificate. */
  public readonly customDomain: boolean;
  /** What config.json holds (tokens, resolved at deploy). */
  public readonly runtimeConfig: AwsRuntimeConfig;
  /** The deployments: hashed assets, the rest of the app, and config.json. */
  public readonly deployments: {
    readonly assets: s3deploy.BucketDeployment;
    readonly app: s3deploy.BucketDeployment;
    readonly config: s3deploy.BucketDeployment;
  };

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { stage, removalPolicy } = props;
    const stack = Stack.of(this);

    const privateBucket = { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, removalPolicy };
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'web/',
    });
    this.distributionLogsBucket = new s3.Bucket(this, 'DistributionLogs', {
      ...privateBucket,
      // Log delivery: SSE-S3 only, and CloudFront's standard logs grant themselves object ACLs.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'web-distribution-logs/',
      lifecycleRules: [{ expiration: Duration.days(logsExpiryDays(props.logRetention)) }],
    });

    // The API is called at its own origin (execute-api), uploads and downloads go to the artifact bucket.
    const apiOrigin = `https://${props.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const artifactsOrigin = `https://${props.artifactsBucket.bucketRegionalDomainName}`;
    const domainPrefix = props.authDomainPrefix ?? `talaty-${stage}-${stack.account}`;
    const headers = securityHeaders({
      api: apiOrigin,
      storage: artifactsOrigin,
      signIn: { endpoints: cognitoEndpoints(this), managedLogin: managedLoginUrl(this, domainPrefix) },
      https: true,
    });
    const hsts = headers.strictTransportSecurity;
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: `Talaty ${stage} web app: security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
        ...(hsts === undefined
          ? {}
          : {
              strictTransportSecurity: {
                accessControlMaxAge: Duration.seconds(hsts.maxAgeSeconds),
                includeSubdomains: hsts.includeSubdomains,
                override: true,
              },
            }),
        // X-Content-Type-Options: nosniff, its only value.
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: headers.frameOptions as cloudfront.HeadersFrameOption, override: true },
        referrerPolicy: { referrerPolicy: headers.referrerPolicy as cloudfront.HeadersReferrerPolicy, override: true },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(headers.custom).map(([header, value]) => ({ header, value, override: true })),
      },
    });
    this.spaRouting = new cloudfront.Function(this, 'SpaRouting', {
      comment: `Talaty ${stage}: app routes get index.html`,
      code: cloudfront.FunctionCode.fromInline(SPA_ROUTING_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    // Read and list: without s3:ListBucket a missing object would answer 403 instead of 404.
    // aws-cdk-lib's classes and interfaces differ under exactOptionalPropertyTypes: hence `as s3.IBucket`.
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket as s3.IBucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
    });
    const behavior = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.headers,
      compress: true,
    };
    const { domain } = props;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Talaty ${stage} web app`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...behavior,
        functionAssociations: [{ function: this.spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { [ASSETS]: behavior },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.distributionLogsBucket as s3.IBucket,
      logFilePrefix: 'cloudfront/',
      ...(domain === undefined
        ? {}
        : {
            domainNames: [domain.domainName],
            // Only a distribution with its own certificate chooses its TLS policy.
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
          }),
    });
    this.customDomain = domain !== undefined;
    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
    // Cognito calls back to https origins only: the app's, and the configured one when it differs.
    const appOrigins = [...new Set([this.url, props.webOrigin])].filter((o) => o.startsWith('https://'));
    this.auth = new WebAuth(this, 'Auth', { stage, appOrigins, domainPrefix, api: props.api, removalPolicy });

    this.runtimeConfig = {
      mode: 'aws',
      stage,
      region: stack.region,
      apiUrl: props.api.url,
      cognito: {
        userPoolId: this.auth.userPool.userPoolId,
        userPoolClientId: this.auth.client.userPoolClientId,
        identityPoolId: this.auth.identityPool.identityPoolId,
        domain: this.auth.domainUrl,
      },
    };
    this.deployments = this.deploy(props);
  }

  /**
   * Three deployments into the one bucket: the hashed assets (immutable, never pruned), the rest of
   * the app (no-cache, pruned except assets and config.json), and config.json (no-cache). The app
   * goes live after its assets, and CloudFront's copies of what changed are invalidated.
   */
  private deploy(props: WebProps): Web['deployments'] {
    const source = s3deploy.Source.asset(props.assetDir, { exclude: [...NOT_SERVED, CONFIG_FILE] });
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const common = { destinationBucket: this.bucket as s3.IBucket, distribution: this.distribution, logGroup };
    const noCache = [s3deploy.CacheControl.noCache()];
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [source],
      exclude: ['*'],
      include: [ASSETS],
      prune: false,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      distributionPaths: [`/${ASSETS}`],
    });
    const app = new s3deploy.BucketDeployment(this, 'DeployApp', {
      ...common,
      sources: [source],
      exclude: [ASSETS, CONFIG_FILE],
      prune: true,
      cacheControl: noCache,
      distributionPaths: ['/*'],
    });
    app.node.addDependency(assets);
    const config = new s3deploy.BucketDeployment(this, 'DeployConfig', {
      ...common,
      sources: [s3deploy.Source.jsonData(CONFIG_FILE, this.runtimeConfig)],
      prune: false,
      cacheControl: noCache,
      distributionPaths: [`/${CONFIG_FILE}`],
    });
    // The deployments share one function (a singleton), which takes the first one's AWS CLI layer;
    // the layers the others create would be published and never used.
    for (const unused of [app, config]) unused.node.tryRemoveChild('AwsCliLayer');
    return { assets, app, config };
  }
}

/**
 * The Metadata API: one Lambda function per handler group and a REST API built from the route
 * table (`apiRoutes`), every method behind AWS_IAM (SigV4) auth except the CORS preflights. API
 * Gateway's own 4xx/5xx answers carry CORS headers and the error body of CONTRACTS.md.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { envNames } from '../../lambdas/environment.ts';
import { type ApiRoute, apiRoutes, type HandlerGroup, handlerGroups } from '../../lambdas/routes.ts';
import { DATASET_UPLOADS } from './artifact-keys.ts';
import type { DataAccess } from './data.ts';
import { HandlerFunction } from './handler-function.ts';

/**
 * What each handler group may reach: the database, read/write under these artifact key prefixes,
 * and the objects it may delete.
 */
export interface GroupAccess {
  readonly database: boolean;
  readonly artifactPrefixes: readonly string[];
  readonly deletes?: string;
}

export const groupAccess: Readonly<Record<HandlerGroup, GroupAccess>> = {
  meta: { database: false, artifactPrefixes: [] },
  // Cancelling an upload removes the bytes uploaded so far.
  datasets: { database: true, artifactPrefixes: ['datasets/'], deletes: DATASET_UPLOADS },
  features: { database: true, artifactPrefixes: [] },
  'feature-sets': { database: true, artifactPrefixes: [] },
  'run-specs': { database: true, artifactPrefixes: [] },
  runs: { database: true, artifactPrefixes: [] },
  models: { database: true, artifactPrefixes: [] },
};

/** Request headers a browser may send; `X-User` is a local-cloud convenience and never allowed here. */
export const corsAllowHeaders = [
  'Authorization',
  'Content-Type',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
  'If-Match',
  'Idempotency-Key',
];

export interface ApiProps {
  readonly stage: string;
  /** Reported by GET /version. */
  readonly version: string;
  readonly webOrigin: string;
  readonly data: DataAccess;
  readonly logRetention: logs.RetentionDays;
  /** Applied to the log groups. */
  readonly removalPolicy: RemovalPolicy;
  /** Requests per second across the stage (steady rate and burst). */
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default apiRoutes */
  readonly routes?: readonly ApiRoute[];
  /** @default groupAccess */
  readonly access?: Readonly<Record<HandlerGroup, GroupAccess>>;
}

export class Api extends Construct {
  public readonly restApi: apigw.RestApi;
  public readonly functions: ReadonlyMap<HandlerGroup, HandlerFunction>;
  /** One per route, in the order of the route table (the CORS preflights are not among them). */
  public readonly methods: readonly apigw.Method[];
  public readonly accessLogs: logs.LogGroup;
  /** What each group's function was granted. */
  public readonly access: Readonly<Record<HandlerGroup, GroupAccess>>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const routes = props.routes ?? apiRoutes;
    const access = props.access ?? groupAccess;
    this.access = access;

    const functions = new Map<HandlerGroup, HandlerFunction>();
    for (const group of handlerGroups) {
      const needs = access[group];
      const fn = new HandlerFunction(this, pascalCase(group), {
        entry: `lambdas/handlers/${group}.ts`,
        description: `Talaty ${props.stage} API: ${group}`,
        environment: {
          [envNames.stage]: props.stage,
          [envNames.version]: props.version,
          [envNames.webOrigin]: props.webOrigin,
          ...(needs.database ? props.data.databaseEnvironment : {}),
          ...(needs.artifactPrefixes.length > 0 ? props.data.artifactsEnvironment : {}),
        },
        logRetention: props.logRetention,
        removalPolicy: props.removalPolicy,
      });
      if (needs.database) props.data.grantDatabase(fn.function);
      for (const prefix of needs.artifactPrefixes) props.data.grantArtifacts(fn.function, prefix);
      if (needs.deletes !== undefined) props.data.grantObjects(fn.function, ['s3:DeleteObject'], needs.deletes);
      functions.set(group, fn);
    }
    this.functions = functions;

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: `Talaty-${props.stage}`,
      description: `Talaty ${props.stage} Metadata API`,
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // API Gateway writes execution and access logs through this account-level role; it is kept
      // when a stack goes, since other stages and APIs in the account rely on the same setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            caller: apigw.AccessLogField.contextIdentityCaller(),
            userArn: apigw.AccessLogField.contextIdentityUserArn(),
            cognitoIdentity: apigw.AccessLogField.contextIdentityCognitoIdentityId(),
            sourceIp: apigw.AccessLogField.contextIdentitySourceIp(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resourcePath: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            latencyMs: apigw.AccessLogField.contextResponseLatency(),
            integrationLatencyMs: apigw.AccessLogField.contextIntegrationLatency(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            error: apigw.AccessLogField.contextErrorMessage(),
            requestTime: apigw.AccessLogField.contextRequestTime(),
          }),
        ),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.webOrigin],
        allowMethods: ['OPTIONS', ...new Set(routes.map((r) => r.method))],
        allowHeaders: corsAllowHeaders,
        exposeHeaders: ['ETag', 'Location'],
        allowCredentials: false,
      },
    });

    // API Gateway's own rejections (bad signature, throttling, integration failure) keep the
    // browser able to read them, in the API's one error shape; `messageString` is already quoted.
    const corsHeaders = {
      'Access-Control-Allow-Origin': `'${props.webOrigin}'`,
      'Access-Control-Expose-Headers': "'ETag,Location'",
      Vary: "'Origin'",
    };
    const errorTemplate =
      '{"error":{"code":"$context.error.responseType","message":$context.error.messageString,"details":[]}}';
    for (const [id, type] of [
      ['Default4xx', apigw.ResponseType.DEFAULT_4XX],
      ['Default5xx', apigw.ResponseType.DEFAULT_5XX],
    ] as const) {
      this.restApi.addGatewayResponse(id, {
        type,
        responseHeaders: corsHeaders,
        templates: { 'application/json': errorTemplate },
      });
    }

    // The handlers validate with zod (one error shape); this validator checks declared path parameters.
    const requestValidator = this.restApi.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integrations = new Map(
      [...functions].map(([group, fn]) => [
        group,
        new apigw.LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }),
      ]),
    );
    this.methods = routes.map((route) => {
      const integration = integrations.get(route.group);
      if (integration === undefined) throw new Error(`${route.method} ${route.path}: no handler group ${route.group}`);
      return this.restApi.root.resourceForPath(route.path).addMethod(route.method, integration, {
        authorizationType: apigw.AuthorizationType.IAM,
        operationName: route.operation,
        requestValidator,
        requestParameters: pathParameters(route.path),
      });
    });
  }

  /** The function of one handler group; the API has one for every group. */
  handler(group: HandlerGroup): HandlerFunction {
    const fn = this.functions.get(group);
    if (fn === undefined) throw new Error(`The API has no ${group} function`);
    return fn;
  }
}

/** `method.request.path.<name>: true` for every `{name}` in the path. */
const pathParameters = (path: string): Record<string, boolean> =>
  Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [`method.request.path.${m[1]}`, true]));

const pascalCase = (name: string) => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * The API Gateway REST (v1) proxy event a Lambda receives, built from a local HTTP request, with
 * `requestContext.identity` filled from what the gateway verified.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface VerifiedCaller {
  readonly accessKey: string | null;
  /** What the handlers take as the user: the local key, or the dev X-User name; null without auth. */
  readonly userArn: string | null;
}

export interface RequestParts {
  readonly method: string;
  readonly path: string;
  readonly resource: string;
  readonly pathParameters: Record<string, string> | null;
  readonly search: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly stage: string;
}

const isText = (contentType: string | undefined) =>
  contentType === undefined ||
  /^(text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded))/i.test(contentType);

export function proxyEvent(parts: RequestParts, caller: VerifiedCaller): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(parts.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of parts.search) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const hasQuery = Object.keys(query).length > 0;
  const contentType = headers['content-type'];
  const binary = parts.body.length > 0 && !isText(contentType);
  const requestId = randomUUID();
  return {
    resource: parts.resource,
    path: parts.path,
    httpMethod: parts.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: parts.pathParameters,
    stageVariables: null,
    body: parts.body.length === 0 ? null : parts.body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      extendedRequestId: requestId,
      httpMethod: parts.method,
      path: `/${parts.stage}${parts.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: parts.resource,
      stage: parts.stage,
      identity: {
        accessKey: caller.accessKey,
        accountId: '000000000000',
        apiKey: null,
        apiKeyId: null,
        caller: caller.accessKey,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: parts.sourceIp,
        user: caller.accessKey,
        userAgent: headers['user-agent'] ?? null,
        userArn: caller.userArn,
      },
    },
  };
}

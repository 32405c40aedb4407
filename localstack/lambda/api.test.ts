/**
 * The local Lambda endpoint with the real @aws-sdk/client-lambda against tiny function bundles:
 * synchronous invokes by every name a function has, function errors, DryRun, unknown functions,
 * signatures, payload limits, and asynchronous events with retries, event age and destinations
 * whose records have AWS's shape.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import type { AsyncConfigInTemplate } from '../cdk-out/reader.ts';
import { LOCAL_CREDENTIALS } from '../config.ts';
import { type LambdaApi, startLambdaApi } from './api.ts';
import { FunctionHost } from './functions.ts';

const account: LocalAccount = { region: 'us-east-1', accountId: '000000000000', stackName: 'Talaty-test' };
const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const RETRY_MS = 50;

const bundles = {
  'echo.mjs': `export const handler = async (event, context) => ({ event, name: context.functionName, mark: process.env.MARK });`,
  'fails.mjs': `import { appendFileSync } from 'node:fs';
class ProfileError extends Error { name = 'ProfileError'; }
export const handler = async (event) => {
  appendFileSync(process.env.OUT, JSON.stringify({ at: Date.now(), event }) + '\\n');
  throw new ProfileError('the dataset cannot be read');
};`,
  'record.mjs': `import { appendFileSync } from 'node:fs';
export const handler = async (event) => { appendFileSync(process.env.OUT, JSON.stringify(event) + '\\n'); return 'ok'; };`,
};

let dir: string;
let host: FunctionHost;
let api: LambdaApi;
let lambda: LambdaClient;
const logs: Array<Record<string, unknown>> = [];

const outFile = (name: string) => join(dir, `${name}.jsonl`);
const lines = (name: string): Array<Record<string, unknown>> => {
  try {
    return readFileSync(outFile(name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
};
const fn = (name: string, file: keyof typeof bundles, environment: Record<string, string> = {}) => ({
  name,
  file: join(dir, file),
  exportName: 'handler',
  environment: { OUT: outFile(name), ...environment },
  timeoutSeconds: 10,
  memoryMb: 128,
});
const asyncConfig = (functionName: string, settings: Partial<AsyncConfigInTemplate>): AsyncConfigInTemplate => ({
  logicalId: `${functionName}Config`,
  functionName,
  maximumRetryAttempts: undefined,
  maximumEventAgeInSeconds: undefined,
  onFailure: null,
  onSuccess: null,
  ...settings,
});
const destination = (functionName: string) => ({ functionName, arn: arn(`talaty-test-${functionName.toLowerCase()}`) });
const decode = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talaty-lambda-'));
  for (const [file, source] of Object.entries(bundles)) writeFileSync(join(dir, file), source);
  api = await startLambdaApi({
    port: 0,
    credentials: { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey },
    account,
    retryBaseDelayMs: RETRY_MS,
    shutdownGraceMs: 500,
    asyncConfigs: [
      asyncConfig('Fails', { onFailure: destination('Failures') }),
      asyncConfig('Stale', { maximumEventAgeInSeconds: RETRY_MS / 2000, onFailure: destination('Failures') }),
      asyncConfig('Echo', { onSuccess: destination('Successes') }),
      asyncConfig('Once', { maximumRetryAttempts: 0 }),
    ],
    log: (line) => logs.push(line),
  });
  host = new FunctionHost({ baseEnv: { PATH: process.env.PATH ?? '' }, region: account.region });
  host.register(fn('Echo', 'echo.mjs', { MARK: 'from-echo' }));
  host.register(fn('Fails', 'fails.mjs'));
  host.register(fn('Stale', 'fails.mjs'));
  host.register(fn('Once', 'fails.mjs'));
  host.register(fn('Failures', 'record.mjs'));
  host.register(fn('Successes', 'record.mjs'));
  api.serve(host);
  lambda = new LambdaClient({
    endpoint: api.url,
    region: account.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  lambda?.destroy();
  await api?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('synchronous Invoke', () => {
  it('answers by logical id, local name, ARN and qualified ARN', async () => {
    for (const FunctionName of [
      'Echo',
      'talaty-test-echo',
      arn('talaty-test-echo'),
      `${arn('talaty-test-echo')}:$LATEST`,
    ]) {
      const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify({ n: 1 }) }));
      expect(out.StatusCode).toBe(200);
      expect(out.ExecutedVersion).toBe('$LATEST');
      expect(out.FunctionError).toBeUndefined();
      expect(decode(out.Payload)).toEqual({ event: { n: 1 }, name: 'Echo', mark: 'from-echo' });
    }
  });

  it('passes an empty payload as {}', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo' }));
    expect(decode(out.Payload).event).toEqual({});
  });

  it('answers a function error with 200, X-Amz-Function-Error and the error payload', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Once', Payload: '{}' }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const error = decode(out.Payload);
    expect(error).toMatchObject({ errorType: 'ProfileError', errorMessage: 'the dataset cannot be read' });
    expect(error.trace[0]).toBe('ProfileError: the dataset cannot be read');
  });

  it('answers DryRun with 204 without running the function', async () => {
    const before = lines('Once').length;
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Once', InvocationType: 'DryRun' }));
    expect(out.StatusCode).toBe(204);
    expect(lines('Once')).toHaveLength(before);
  });

  it('answers an unknown function or qualifier with ResourceNotFoundException', async () => {
    for (const FunctionName of ['Nope', arn('talaty-test-nope'), `${arn('talaty-test-echo')}:live`]) {
      await expect(lambda.send(new InvokeCommand({ FunctionName }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    }
    const otherAccount = 'arn:aws:lambda:us-east-1:111111111111:function:talaty-test-echo';
    await expect(lambda.send(new InvokeCommand({ FunctionName: otherAccount }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a bad signature, an unknown key and an unsigned request', async () => {
    const signedWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new LambdaClient({ endpoint: api.url, region: account.region, credentials, maxAttempts: 1 });
    const wrongSecret = signedWith({ ...LOCAL_CREDENTIALS, secretAccessKey: 'not-the-secret' });
    const unknownKey = signedWith({ accessKeyId: 'someone-else', secretAccessKey: 'x' });
    try {
      await expect(wrongSecret.send(new InvokeCommand({ FunctionName: 'Echo' }))).rejects.toMatchObject({
        name: 'InvalidSignatureException',
        $metadata: { httpStatusCode: 403 },
      });
      await expect(unknownKey.send(new InvokeCommand({ FunctionName: 'Echo' }))).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      wrongSecret.destroy();
      unknownKey.destroy();
    }
    const unsigned = await fetch(`${api.url}/2015-03-31/functions/Echo/invocations`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('refuses a body that is not JSON and an event larger than 256 KB', async () => {
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: 'not json' }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      $metadata: { httpStatusCode: 400 },
    });
    const big = JSON.stringify({ data: 'x'.repeat(300_000) });
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: big })),
    ).rejects.toMatchObject({ name: 'RequestEntityTooLargeException', $metadata: { httpStatusCode: 413 } });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: big }));
    expect(decode(out.Payload).event.data).toHaveLength(300_000);
  });
});

describe('asynchronous Invoke', () => {
  it('retries a failing event twice, backing off, then sends AWS’s record to the failure destination', async () => {
    const event = { dataset_version_id: 'v-1' };
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'talaty-test-fails', InvocationType: 'Event', Payload: JSON.stringify(event) }),
    );
    expect(out.StatusCode).toBe(202);
    await api.idle();

    const attempts = lines('Fails');
    expect(attempts.map((a) => a.event)).toEqual([event, event, event]);
    const [first, second, third] = attempts.map((a) => a.at as number) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(RETRY_MS);
    expect(third - second).toBeGreaterThanOrEqual(2 * RETRY_MS);

    const [record] = lines('Failures');
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestContext: {
        requestId: out.$metadata.requestId,
        functionArn: `${arn('talaty-test-fails')}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorType: 'ProfileError',
        errorMessage: 'the dataset cannot be read',
        trace: expect.arrayContaining(['ProfileError: the dataset cannot be read']),
      },
    });
  });

  it('gives up an event older than MaximumEventAgeInSeconds with EventAgeExceeded', async () => {
    await lambda.send(new InvokeCommand({ FunctionName: 'Stale', InvocationType: 'Event', Payload: '{"stale":true}' }));
    await api.idle();
    expect(lines('Stale')).toHaveLength(1);
    const stale = lines('Failures').find((r) => (r.requestPayload as { stale?: boolean }).stale === true);
    expect(stale?.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
  });

  it('sends a success to the OnSuccess destination', async () => {
    await lambda.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: '{"ok":1}' }));
    await api.idle();
    expect(lines('Successes')).toEqual([
      expect.objectContaining({
        version: '1.0',
        requestContext: expect.objectContaining({ condition: 'Success', approximateInvokeCount: 1 }),
        requestPayload: { ok: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        responsePayload: { event: { ok: 1 }, name: 'Echo', mark: 'from-echo' },
      }),
    ]);
  });

  it('drops events waiting for a retry when it stops, with a log line', async () => {
    const other = await startLambdaApi({
      port: 0,
      credentials: {},
      account,
      retryBaseDelayMs: 60_000,
      shutdownGraceMs: 500,
      log: (line) => logs.push(line),
    });
    other.serve(host);
    other.invokeAsync('Once', { doomed: true });
    while (!lines('Once').some((l) => (l.event as { doomed?: boolean }).doomed)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(logs.some((l) => String(l.message).startsWith('dropped an asynchronous event waiting for a retry'))).toBe(
      true,
    );
    await other.idle();
  });
});

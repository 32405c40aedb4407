/**
 * The emulator's HTTP edge: SigV4 on every request, the wire shape of its errors, request
 * validation, the body limit, the DatabaseResumingException fault, and the AWS CLI talking to it.
 */
import { request } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli } from '../aws-cli.ts';
import { freePort } from '../postgres.ts';
import { startDataApi } from './server.ts';
import { clientFor, type Fixture, LOCAL_CREDENTIALS, REGION, startFixture, TARGET } from './testing.ts';

let f: Fixture;
let port = 0;

beforeAll(async () => {
  f = await startFixture();
  port = f.api.port;
}, 30_000);

afterAll(() => f?.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** POSTs raw bytes, signed for rds-data unless `signed` is false. */
async function post(path: string, body: string, signed = true): Promise<Reply> {
  let headers: Record<string, string> = { host: `127.0.0.1:${port}`, 'content-type': 'application/json' };
  if (signed) {
    const signer = new SignatureV4({
      service: 'rds-data',
      region: REGION,
      sha256: Sha256,
      credentials: LOCAL_CREDENTIALS,
    });
    const unsigned = new HttpRequest({ method: 'POST', hostname: '127.0.0.1', port, path, headers, body });
    headers = ((await signer.sign(unsigned)) as HttpRequest).headers;
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const select1 = JSON.stringify({ ...TARGET, sql: 'SELECT 1' });

describe('signatures', () => {
  it('an unsigned request is refused with a JSON error body', async () => {
    const reply = await post('/Execute', select1, false);
    expect(reply.status).toBe(403);
    expect(reply.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    expect(reply.json).toMatchObject({
      __type: 'MissingAuthenticationTokenException',
      message: expect.stringContaining('Missing'),
    });
  });

  it('a wrong secret, an unknown key or another region is refused as AWS refuses it', async () => {
    const attempt = (credentials: typeof LOCAL_CREDENTIALS, region = REGION) => {
      const client = clientFor(f.api.url, credentials, region);
      return client.send(new ExecuteStatementCommand({ ...TARGET, sql: 'SELECT 1' })).finally(() => client.destroy());
    };
    await expect(attempt({ ...LOCAL_CREDENTIALS, secretAccessKey: 'wrong' })).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining('does not match'),
    });
    await expect(attempt({ accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' })).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(attempt(LOCAL_CREDENTIALS, 'eu-west-1')).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('eu-west-1'),
    });
  });

  it('a signed request is served', async () => {
    const reply = await post('/Execute', select1);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ numberOfRecordsUpdated: 0, generatedFields: [], records: [[{ longValue: 1 }]] });
  });
});

describe('requests', () => {
  it('malformed JSON, wrong member types and non-ARNs are BadRequestException', async () => {
    const cases: Array<[string, string]> = [
      ['{"sql": ', 'The request body is not valid JSON.'],
      [
        JSON.stringify({ ...TARGET, sql: 'SELECT 1', parameters: { a: 1 } }),
        'parameters must be a list of parameters.',
      ],
      [
        JSON.stringify({ ...TARGET, sql: 'SELECT 1', includeResultMetadata: 'yes' }),
        'includeResultMetadata must be a boolean.',
      ],
      [
        JSON.stringify({ ...TARGET, sql: 'SELECT 1', formatRecordsAs: 'CSV' }),
        'formatRecordsAs must be one of NONE, JSON, not CSV.',
      ],
      [
        JSON.stringify({ ...TARGET, resourceArn: 'cluster-1', sql: 'SELECT 1' }),
        'resourceArn cluster-1 is not the ARN of an Aurora cluster.',
      ],
      [
        JSON.stringify({ ...TARGET, secretArn: undefined, sql: 'SELECT 1' }),
        'secretArn is required and must be a non-empty string.',
      ],
    ];
    for (const [body, message] of cases) {
      const reply = await post('/Execute', body);
      expect([reply.status, reply.headers['x-amzn-errortype'], reply.json.message]).toEqual([
        400,
        'BadRequestException',
        message,
      ]);
    }
  });

  it('an unknown operation is 404 UnknownOperationException', async () => {
    const reply = await post('/ExecuteSql', select1);
    expect([reply.status, reply.json.__type]).toEqual([404, 'UnknownOperationException']);
  });

  it('a body over 4 MiB is refused with 413 and the SDK reads it as BadRequestException', async () => {
    const huge = f.run(`SELECT '${'x'.repeat(5 * 1024 * 1024)}'`);
    await expect(huge).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 413 } });
  });

  it('a longValue beyond 2^53 in the body is bound exactly', async () => {
    const body = `{"resourceArn":"${TARGET.resourceArn}","secretArn":"${TARGET.secretArn}","sql":"SELECT :n::text AS n",
      "parameters":[{"name":"n","value":{"longValue":9007199254740993}}]}`;
    expect((await post('/Execute', body)).json.records).toEqual([[{ stringValue: '9007199254740993' }]]);
  });
});

describe('faults', () => {
  it('resumingFor(n) answers DatabaseResumingException n times, then serves', async () => {
    f.api.faults.resumingFor(2);
    for (let i = 0; i < 2; i++) {
      await expect(f.run('SELECT 1')).rejects.toMatchObject({
        name: 'DatabaseResumingException',
        $metadata: { httpStatusCode: 400 },
      });
    }
    expect((await f.run('SELECT 1')).records).toEqual([[{ longValue: 1 }]]);
  });
});

describe('an unreachable PostgreSQL', () => {
  it('is DatabaseUnavailableException', async () => {
    const closedPort = await freePort();
    const api = await startDataApi({
      port: 0,
      postgres: { ...f.postgres.connection, port: closedPort },
      credentials: { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey },
      region: REGION,
    });
    const client = clientFor(api.url);
    try {
      await expect(client.send(new ExecuteStatementCommand({ ...TARGET, sql: 'SELECT 1' }))).rejects.toMatchObject({
        name: 'DatabaseUnavailableException',
        $fault: 'server',
        $metadata: { httpStatusCode: 504 },
      });
    } finally {
      client.destroy();
      await api.close();
    }
  });
});

describe('the AWS CLI', () => {
  const cli = (args: string[]) =>
    awsCli(['rds-data', 'execute-statement', '--endpoint-url', f.api.url, '--output', 'json', ...args], REGION);
  const target = [
    '--resource-arn',
    TARGET.resourceArn,
    '--secret-arn',
    TARGET.secretArn,
    '--database',
    TARGET.database,
  ];

  it('executes a statement with parameters and prints the Data API response', async () => {
    const { stdout } = await cli([
      ...target,
      '--sql',
      "SELECT :n + 1 AS n, :s || '!' AS s, :u::uuid AS u",
      '--parameters',
      // Written by hand: 9007199254740993 is not a JavaScript number; Python sends it exactly.
      `[{"name": "n", "value": {"longValue": 9007199254740993}},
        {"name": "s", "value": {"stringValue": "grüß"}},
        {"name": "u", "value": {"stringValue": "0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11"}, "typeHint": "UUID"}]`,
      '--result-set-options',
      'longReturnType=STRING',
      '--include-result-metadata',
    ]);
    const out = JSON.parse(stdout) as { records: unknown; columnMetadata: Array<{ typeName: string }> };
    expect(out.records).toEqual([
      [
        { stringValue: '9007199254740994' },
        { stringValue: 'grüß!' },
        { stringValue: '0b7e4b36-8f25-4a2c-9c3e-5d1c7a3e0f11' },
      ],
    ]);
    expect(out.columnMetadata.map((c) => c.typeName)).toEqual(['int8', 'text', 'uuid']);
  });

  it('reports a database error with its type and message', async () => {
    const failed = cli([...target, '--sql', 'SELECT 1/0']);
    await expect(failed).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'An error occurred (DatabaseErrorException) when calling the ExecuteStatement operation: ERROR: division by zero; SQLState: 22012',
      ),
    });
  });
});

describe('the resources of a local cloud', () => {
  it('refuses a cluster or secret ARN other than the ones the template wires', async () => {
    const strict = await startFixture({ resources: { resourceArn: TARGET.resourceArn, secretArn: TARGET.secretArn } });
    try {
      expect(await strict.rows('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const otherCluster = 'arn:aws:rds:us-east-1:000000000000:cluster:someone-else';
      await expect(strict.run('SELECT 1', { resourceArn: otherCluster })).rejects.toMatchObject({
        name: 'BadRequestException',
        message: expect.stringContaining('someone-else'),
      });
      const otherSecret = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:other-AbCdEf';
      await expect(strict.run('SELECT 1', { secretArn: otherSecret })).rejects.toMatchObject({
        name: 'BadRequestException',
      });
    } finally {
      await strict.close();
    }
  });
});

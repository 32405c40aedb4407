/**
 * The local RDS Data API: an HTTP server speaking the service's REST-JSON protocol (POST /Execute,
 * /BatchExecute, /BeginTransaction, /CommitTransaction, /RollbackTransaction) over a PostgreSQL,
 * for @aws-sdk/client-rds-data and `aws rds-data`. Every request must be SigV4-signed for
 * `rds-data`; errors carry `x-amzn-ErrorType` and a JSON body; responses over 1 MiB are refused
 * as Aurora refuses them. `faults.resumingFor(n)` makes it answer DatabaseResumingException.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../listen.ts';
import type { PostgresConnection } from '../postgres.ts';
import { readBodyWithin } from '../request-body.ts';
import { authenticateAwsJson } from '../sigv4.ts';
import { Databases } from './databases.ts';
import { badRequest, DataApiError, RESPONSE_TOO_LARGE, toDataApiError } from './errors.ts';
import { type OperationContext, operations } from './operations.ts';
import { parseBody } from './requests.ts';
import { Transactions } from './transactions.ts';
import { writeJson } from './wire-json.ts';

export interface DataApiOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly postgres: PostgresConnection;
  /** Access key → secret. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly region: string;
  /** An idle transaction is rolled back after this long. @default 180000 (Aurora's 3 minutes) */
  readonly transactionIdleTimeoutMs?: number;
  /** A statement running longer is answered with StatementTimeoutException. @default 45000 */
  readonly statementTimeoutMs?: number;
  /** @default 1048576 (Aurora's 1 MiB) */
  readonly maxResponseBytes?: number;
  /** @default 4194304 */
  readonly maxRequestBytes?: number;
  /**
   * The cluster and secret ARNs requests must name, as the app's template wires them; any ARN of the
   * right shape is accepted when omitted. A wrong ARN in the infrastructure then fails locally too.
   */
  readonly resources?: { readonly resourceArn: string; readonly secretArn: string };
  /** Receives one line per request, and failures. */
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface DataApi {
  readonly url: string;
  readonly port: number;
  /** Test hooks that make the emulator misbehave like the real service. */
  readonly faults: {
    /** The next `n` requests are answered with DatabaseResumingException (a paused Aurora). */
    resumingFor(n: number): void;
  };
  close(): Promise<void>;
}

function checkResources(body: unknown, expected: { resourceArn: string; secretArn: string }): void {
  const { resourceArn, secretArn } = (body ?? {}) as { resourceArn?: unknown; secretArn?: unknown };
  if (typeof resourceArn === 'string' && resourceArn !== expected.resourceArn) {
    throw new DataApiError(
      400,
      'BadRequestException',
      `No Aurora cluster ${resourceArn} here; this cloud serves ${expected.resourceArn}.`,
    );
  }
  if (typeof secretArn === 'string' && secretArn !== expected.secretArn) {
    throw new DataApiError(
      400,
      'BadRequestException',
      `Secret ${secretArn} does not grant access to ${expected.resourceArn}; use ${expected.secretArn}.`,
    );
  }
}

export async function startDataApi(options: DataApiOptions): Promise<DataApi> {
  const log = options.log ?? (() => undefined);
  const databases = new Databases(options.postgres, (message) => log({ level: 'WARN', message }));
  const transactions = new Transactions(databases, options.transactionIdleTimeoutMs ?? 180_000);
  const context: OperationContext = {
    databases,
    transactions,
    statementTimeoutMs: options.statementTimeoutMs ?? 45_000,
  };
  const maxResponse = options.maxResponseBytes ?? 1024 * 1024;
  const maxRequest = options.maxRequestBytes ?? 4 * 1024 * 1024;
  let resuming = 0;

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string>) => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    let status = 200;
    try {
      const body = await readBodyWithin(req, maxRequest);
      if (body === undefined) {
        throw new DataApiError(413, 'BadRequestException', `The request body exceeds ${maxRequest} bytes.`);
      }
      const signed = { method: req.method, url, headers: req.headers, body };
      const auth = authenticateAwsJson(signed, 'rds-data', options.credentials, options.region);
      if (!auth.ok) throw new DataApiError(403, auth.type, auth.message);
      if (resuming > 0) {
        resuming--;
        throw new DataApiError(
          400,
          'DatabaseResumingException',
          'The database is resuming after being auto-paused. Wait a few seconds and try again.',
        );
      }
      const operation = req.method === 'POST' ? operations[path] : undefined;
      if (operation === undefined) {
        throw new DataApiError(404, 'UnknownOperationException', `No operation at ${req.method} ${path}.`);
      }
      const parsed = parseBody(body);
      if (options.resources !== undefined) checkResources(parsed, options.resources);
      const text = writeJson(await operation(context, parsed));
      if (Buffer.byteLength(text) > maxResponse) throw badRequest(RESPONSE_TOO_LARGE);
      send(res, 200, text, { 'x-amzn-RequestId': requestId });
    } catch (caught) {
      const error = toDataApiError(caught);
      status = error.status;
      if (status >= 500) {
        log({ level: 'ERROR', requestId, path, error: caught instanceof Error ? caught.stack : String(caught) });
      }
      const body = writeJson({ __type: error.type, message: error.message, ...error.fields });
      if (!res.headersSent) send(res, status, body, { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.type });
      else res.end();
    } finally {
      log({ level: 'INFO', requestId, path, status, duration_ms: Date.now() - started });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  const { url, port } = await listen(server, options.port, options.host);
  return {
    url,
    port,
    faults: {
      resumingFor: (n: number) => {
        resuming = n;
      },
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await transactions.close();
      await databases.close();
    },
  };
}

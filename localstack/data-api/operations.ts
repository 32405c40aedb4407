/**
 * The five operations over a request body: ExecuteStatement and BatchExecuteStatement (in a
 * transaction when given its id, else autocommit; a batch without one is all-or-nothing in its own
 * transaction), BeginTransaction, CommitTransaction, RollbackTransaction. A statement running past
 * the Data API's limit (45 s) is answered with StatementTimeoutException and cancelled unless
 * continueAfterTimeout asks to let it finish.
 */
import type { Databases, Session } from './databases.ts';
import { DataApiError } from './errors.ts';
import { batchRequest, endTransactionRequest, executeRequest, target } from './requests.ts';
import { executeBatch, executeStatement } from './statements.ts';
import type { Transactions } from './transactions.ts';
import type { WireObject } from './wire-json.ts';

type Body = Record<string, unknown>;

export interface OperationContext {
  readonly databases: Databases;
  readonly transactions: Transactions;
  readonly statementTimeoutMs: number;
}

const processId = (session: Session) => (session.client as unknown as { processID: number | null }).processID;

/** Runs `start` and answers StatementTimeoutException when it outlasts the limit. */
async function withTimeout<T>(
  context: OperationContext,
  continueAfterTimeout: boolean,
  start: (track: (session: Session) => void) => Promise<T>,
): Promise<T> {
  let session: Session | undefined;
  let late = false;
  const running = start((s) => {
    session = s;
    // A connection that came after the answer: do not run what the client was told timed out.
    if (late && !continueAfterTimeout) throw new DataApiError(400, 'StatementTimeoutException', 'Request timed out');
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve('timeout');
    }, context.statementTimeoutMs);
  });
  try {
    const first = await Promise.race([running, timedOut]);
    if (first !== 'timeout') return first;
  } finally {
    clearTimeout(timer);
  }
  running.catch(() => undefined);
  const pid = session === undefined ? null : processId(session);
  if (!continueAfterTimeout && session !== undefined && pid !== null) {
    await context.databases.cancel(session.database, pid).catch(() => undefined);
  }
  throw new DataApiError(400, 'StatementTimeoutException', 'Request timed out', { dbConnectionId: pid ?? 0 });
}

async function execute(context: OperationContext, body: Body): Promise<WireObject> {
  const request = executeRequest(body);
  const id = request.transactionId;
  return withTimeout(context, request.continueAfterTimeout, (track) => {
    const work = (session: Session) => {
      track(session);
      return executeStatement(session, request);
    };
    return id === undefined
      ? context.databases.withSession(request.database, work)
      : context.transactions.use(id, work);
  });
}

async function batchExecute(context: OperationContext, body: Body): Promise<WireObject> {
  const request = batchRequest(body);
  const id = request.transactionId;
  return withTimeout(context, false, (track) => {
    if (id !== undefined) {
      return context.transactions.use(id, (session) => {
        track(session);
        return executeBatch(session, request);
      });
    }
    return context.databases.withSession(request.database, async (session) => {
      track(session);
      await session.client.query('BEGIN');
      try {
        const result = await executeBatch(session, request);
        await session.client.query('COMMIT');
        return result;
      } catch (error) {
        await session.client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  });
}

export const operations: Record<string, (context: OperationContext, body: Body) => Promise<WireObject>> = {
  '/Execute': execute,
  '/BatchExecute': batchExecute,
  '/BeginTransaction': async (context, body) => ({
    transactionId: await context.transactions.begin(target(body).database),
  }),
  '/CommitTransaction': async (context, body) => {
    await context.transactions.commit(endTransactionRequest(body).transactionId);
    return { transactionStatus: 'Transaction Committed' };
  },
  '/RollbackTransaction': async (context, body) => {
    await context.transactions.rollback(endTransactionRequest(body).transactionId);
    return { transactionStatus: 'Rollback Complete' };
  },
};

/**
 * The Step Functions operations the local endpoint serves, with AWS's validation and error names:
 * StartExecution, DescribeExecution, StopExecution, GetExecutionHistory, ListExecutions, and
 * ListStateMachines/DescribeStateMachine to find the machines. Dates are epoch seconds, paging
 * tokens opaque (and tied to what they page).
 */
import { randomUUID } from 'node:crypto';
import { executionDoesNotExist, invalidArn, SfnError, stateMachineDoesNotExist, validation } from './errors.ts';
import type { Execution, ExecutionStatus, Executions, LocalStateMachine } from './executions.ts';

type Request = Record<string, unknown>;
export type Operation = (executions: Executions, request: Request) => Record<string, unknown>;

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;
/** AWS's rule for names: 1–80 characters, none of whitespace, brackets, wildcards, `"#%\^|~`$&,;:/` or control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what AWS refuses
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const MAX_INPUT_BYTES = 256 * 1024;
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

const seconds = (ms: number) => ms / 1000;

function optionalString(request: Request, member: string, max: number): string | undefined {
  const value = request[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SfnError('SerializationException', `${member} must be a string.`);
  if (value.length > max) throw validation(member, value, `Member must have length less than or equal to ${max}`);
  return value;
}

function requiredString(request: Request, member: string, max: number): string {
  const value = optionalString(request, member, max);
  if (value === undefined || value === '') throw validation(member, value, 'Member must not be null');
  return value;
}

function stateMachineOf(executions: Executions, request: Request): LocalStateMachine {
  const arn = requiredString(request, 'stateMachineArn', 256);
  if (!STATE_MACHINE_ARN.test(arn)) throw invalidArn(arn, 'stateMachine');
  const machine = executions.stateMachine(arn);
  if (machine === undefined) throw stateMachineDoesNotExist(arn);
  return machine;
}

function executionOf(executions: Executions, request: Request): Execution {
  const arn = requiredString(request, 'executionArn', 256);
  if (!EXECUTION_ARN.test(arn)) throw invalidArn(arn, 'execution');
  const execution = executions.execution(arn);
  if (execution === undefined) throw executionDoesNotExist(arn);
  return execution;
}

function maxResults(request: Request): number {
  const value = request.maxResults ?? 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw validation('maxResults', value, 'Member must have value between 0 and 1000');
  }
  return value === 0 ? 100 : value;
}

/** Paging tokens: base64url JSON naming what they page, so a token cannot be replayed elsewhere. */
const encodeToken = (value: Record<string, unknown>) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeToken(request: Request, scope: string): Record<string, unknown> | undefined {
  const token = optionalString(request, 'nextToken', 1024);
  if (token === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.scope === scope) return value;
  } catch {
    // falls through to InvalidToken
  }
  throw new SfnError('InvalidToken', `Invalid Token: '${token}'`);
}

const summary = (e: Execution) => ({
  executionArn: e.arn,
  stateMachineArn: e.stateMachine.arn,
  name: e.name,
  status: e.status,
  startDate: seconds(e.startDate),
  ...(e.stopDate === undefined ? {} : { stopDate: seconds(e.stopDate) }),
});

const startExecution: Operation = (executions, request) => {
  const machine = stateMachineOf(executions, request);
  const name = optionalString(request, 'name', 80) ?? randomUUID();
  if (!NAME.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
  const input = optionalString(request, 'input', Number.MAX_SAFE_INTEGER) ?? '{}';
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw validation('input', '...', `Member must have length less than or equal to ${MAX_INPUT_BYTES}`);
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw new SfnError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
  const execution = executions.start(machine, name, input);
  return { executionArn: execution.arn, startDate: seconds(execution.startDate) };
};

const describeExecution: Operation = (executions, request) => {
  const e = executionOf(executions, request);
  return {
    ...summary(e),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output === undefined ? {} : { output: e.output, outputDetails: { included: true } }),
    ...(e.error === undefined ? {} : { error: e.error }),
    ...(e.cause === undefined ? {} : { cause: e.cause }),
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
    redriveStatusReason: 'Execution is not redrivable locally',
  };
};

const stopExecution: Operation = (executions, request) => {
  const e = executionOf(executions, request);
  const error = optionalString(request, 'error', 256);
  const cause = optionalString(request, 'cause', 32_768);
  e.stop(error, cause);
  return { stopDate: seconds(e.stopDate ?? Date.now()) };
};

const getExecutionHistory: Operation = (executions, request) => {
  const e = executionOf(executions, request);
  const reverse = request.reverseOrder === true;
  const includeData = request.includeExecutionData !== false;
  const token = decodeToken(request, `history:${e.arn}:${reverse}`);
  const page = e.history.page(token?.next as number | undefined, maxResults(request), reverse, includeData);
  return {
    events: page.events,
    ...(page.next === undefined
      ? {}
      : { nextToken: encodeToken({ scope: `history:${e.arn}:${reverse}`, next: page.next }) }),
  };
};

const listExecutions: Operation = (executions, request) => {
  const machine = stateMachineOf(executions, request);
  const filter = optionalString(request, 'statusFilter', 20);
  if (filter !== undefined && !(STATUSES as readonly string[]).includes(filter)) {
    throw validation('statusFilter', filter, `Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  }
  const scope = `list:${machine.arn}:${filter ?? ''}`;
  const all = executions.list(machine, filter as ExecutionStatus | undefined);
  const token = decodeToken(request, scope);
  let from = 0;
  if (token !== undefined) {
    from = all.findIndex((e) => e.arn === token.after) + 1;
    if (from === 0) throw new SfnError('InvalidToken', `Invalid Token: '${String(request.nextToken)}'`);
  }
  const page = all.slice(from, from + maxResults(request));
  const last = page.at(-1);
  const more = from + page.length < all.length && last !== undefined;
  return {
    executions: page.map(summary),
    ...(more ? { nextToken: encodeToken({ scope, after: last.arn }) } : {}),
  };
};

const listStateMachines: Operation = (executions) => ({
  stateMachines: executions.stateMachines().map((m) => ({
    stateMachineArn: m.arn,
    name: m.name,
    type: m.type,
    creationDate: seconds(m.creationDate),
  })),
});

const describeStateMachine: Operation = (executions, request) => {
  const m = stateMachineOf(executions, request);
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition: JSON.stringify(m.definition),
    ...(m.roleArn === null ? {} : { roleArn: m.roleArn }),
    type: m.type,
    creationDate: seconds(m.creationDate),
  };
};

export const operations: Readonly<Record<string, Operation>> = {
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  StopExecution: stopExecution,
  GetExecutionHistory: getExecutionHistory,
  ListExecutions: listExecutions,
  ListStateMachines: listStateMachines,
  DescribeStateMachine: describeStateMachine,
};

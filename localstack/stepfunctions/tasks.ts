/**
 * The local handlers of Task states, one per state name, chosen by the state's Resource (the
 * engine would call real AWS for any state without one):
 * - `arn:aws:states:::lambda:invoke` runs the app's function through the local FunctionHost and
 *   returns what the integration returns (`{ExecutedVersion, Payload, StatusCode, ...}`); a function
 *   error fails the task with error = its errorType and cause = `{"errorMessage","errorType","trace"}`,
 *   as AWS does, so Retry and Catch match by error name;
 * - a Lambda function ARN (the older integration) runs the function with the state input and
 *   returns its result;
 * - `arn:aws:states:::ecs:runTask.sync` runs the local ECS task and returns the STOPPED task;
 * - anything else fails the execution (States.Runtime, neither retried nor caught), naming the Resource.
 * Each attempt records AWS's task events in the history.
 */
import { randomUUID } from 'node:crypto';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import type { FunctionHost } from '../lambda/functions.ts';
import { functionArn, resolveFunction } from '../lambda/names.ts';
import { type MachineDefinition, statesOf } from './definition.ts';
import { type EcsContainerOverride, EcsError, type LocalEcs, type StartedTask } from './ecs-task.ts';
import { data, json } from './history.ts';

/** A task failure as the engine reads it: `name` is the error Retry/Catch match, `message` the cause. */
export class TaskError extends Error {
  constructor(
    name: string,
    cause: string,
    /** A fatal error fails the execution without Retry or Catch, as States.Runtime does. */
    private readonly fatal = false,
  ) {
    super(cause);
    this.name = name;
  }
  get isRetryable(): boolean {
    return !this.fatal;
  }
  get isCatchable(): boolean {
    return !this.fatal;
  }
}

/** The largest state result Step Functions passes on (256 KiB). */
const MAX_RESULT_BYTES = 256 * 1024;

export interface TaskResource {
  /** AWS's `resourceType`/`resource` in task events, e.g. `lambda`/`invoke`; for a function ARN, `lambda`/the ARN. */
  readonly resourceType: string;
  readonly resource: string;
  /** The older Lambda integration, whose history events are LambdaFunction* instead of Task*. */
  readonly legacyLambda: boolean;
}

/** One attempt of a Task state; its events are dropped once the engine gave up on it (it timed out). */
export interface TaskAttempt {
  /** Aborted when the execution stops or ends, or the attempt timed out; the reason says which. */
  readonly signal: AbortSignal;
  record(type: string, details?: Record<string, unknown>): void;
  end(): void;
}

/** What a handler needs of the execution it runs in. */
export interface TaskScope {
  readonly executionName: string;
  readonly region: string;
  attempt(stateName: string, resource: TaskResource): TaskAttempt;
}

export interface TaskServices {
  readonly account: LocalAccount;
  readonly functions: FunctionHost;
  readonly ecs: LocalEcs;
  /** Queues an asynchronous invocation (`InvocationType: Event`); without it such tasks fail. */
  readonly invokeAsync?: (functionName: string, payload: unknown) => string;
}

type Handler = (input: unknown) => Promise<unknown>;

const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke$/;
const ECS_RUN_SYNC = /^arn:aws[a-z-]*:states:::ecs:runTask\.sync$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

export function localHandlers(
  definition: MachineDefinition,
  services: TaskServices,
  scope: TaskScope,
): Record<string, Handler> {
  const handlers: Record<string, Handler> = {};
  for (const [name, state] of statesOf(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = state.Resource ?? '';
    const timeouts = {
      ...(state.TimeoutSeconds === undefined ? {} : { timeoutInSeconds: state.TimeoutSeconds }),
      ...(state.HeartbeatSeconds === undefined ? {} : { heartbeatInSeconds: state.HeartbeatSeconds }),
    };
    if (LAMBDA_INVOKE.test(resource)) {
      const kind = { resourceType: 'lambda', resource: 'invoke', legacyLambda: false };
      handlers[name] = (input) => runTask(scope, name, kind, input, timeouts, () => invokeIntegration(services, input));
    } else if (ECS_RUN_SYNC.test(resource)) {
      const kind = { resourceType: 'ecs', resource: 'runTask.sync', legacyLambda: false };
      handlers[name] = (input) =>
        runTask(scope, name, kind, input, timeouts, (attempt) => runEcsTask(services, scope, input, attempt));
    } else if (LAMBDA_ARN.test(resource)) {
      const kind = { resourceType: 'lambda', resource, legacyLambda: true };
      handlers[name] = (input) =>
        runTask(scope, name, kind, input, timeouts, async () =>
          unwrap(await invoke(services, resource, undefined, input)),
        );
    } else {
      const kind = { resourceType: 'local', resource, legacyLambda: false };
      handlers[name] = (input) =>
        runTask(scope, name, kind, input, timeouts, async () => {
          const message = `The local cloud does not run Task resource '${resource}' (state '${name}'): it runs lambda:invoke, Lambda function ARNs and ecs:runTask.sync, and never calls AWS.`;
          throw new TaskError('States.Runtime', message, true);
        });
    }
  }
  return handlers;
}

/** One attempt: the task events around `work`, as AWS records them. */
async function runTask(
  scope: TaskScope,
  stateName: string,
  kind: TaskResource,
  input: unknown,
  timeouts: Record<string, number>,
  work: (attempt: TaskAttempt) => Promise<unknown>,
): Promise<unknown> {
  // The engine queued this state's StateEntered just before calling us: let the history take it first.
  await new Promise((resolve) => setImmediate(resolve));
  const attempt = scope.attempt(stateName, kind);
  const { resourceType, resource } = kind;
  if (kind.legacyLambda) {
    attempt.record('LambdaFunctionScheduled', { resource, ...data('input', input), ...timeouts });
    attempt.record('LambdaFunctionStarted');
  } else {
    attempt.record('TaskScheduled', {
      resourceType,
      resource,
      region: scope.region,
      parameters: json(input),
      ...timeouts,
    });
    attempt.record('TaskStarted', { resourceType, resource });
  }
  try {
    const output = await work(attempt);
    if (Buffer.byteLength(json(output)) > MAX_RESULT_BYTES) {
      const cause = `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`;
      throw new TaskError('States.DataLimitExceeded', cause);
    }
    if (kind.legacyLambda) attempt.record('LambdaFunctionSucceeded', data('output', output));
    else attempt.record('TaskSucceeded', { resourceType, resource, ...data('output', output) });
    return output;
  } catch (caught) {
    const error =
      caught instanceof TaskError
        ? caught
        : new TaskError('States.TaskFailed', caught instanceof Error ? caught.message : String(caught));
    const failure = { error: error.name, cause: error.message };
    if (kind.legacyLambda) attempt.record('LambdaFunctionFailed', failure);
    else attempt.record('TaskFailed', { resourceType, resource, ...failure });
    throw error;
  } finally {
    attempt.end();
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** AWS's wording of a service error inside a task's cause. */
const serviceCause = (message: string, service: string, status: number, code: string) =>
  `${message} (Service: ${service}; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()}; Proxy: null)`;

type Invoked = { ok: true; result: unknown; async: boolean } | { ok: false; error: TaskError };

async function invoke(
  services: TaskServices,
  identifier: unknown,
  qualifier: unknown,
  payload: unknown,
  type = 'RequestResponse',
): Promise<Invoked> {
  const { account, functions } = services;
  if (typeof identifier !== 'string') {
    const cause = serviceCause('FunctionName must be a string', 'AWSLambda', 400, 'ValidationException');
    return { ok: false, error: new TaskError('Lambda.ValidationException', cause) };
  }
  const name = resolveFunction(
    account,
    functions.names(),
    identifier,
    typeof qualifier === 'string' ? qualifier : undefined,
  );
  if (name === undefined) {
    const arn = identifier.startsWith('arn:') ? identifier : functionArn(account, identifier);
    const cause = serviceCause(`Function not found: ${arn}`, 'AWSLambda', 404, 'ResourceNotFoundException');
    return { ok: false, error: new TaskError('Lambda.ResourceNotFoundException', cause) };
  }
  if (type === 'Event') {
    if (services.invokeAsync === undefined) {
      const cause = serviceCause('Asynchronous invocation is not served here', 'AWSLambda', 500, 'ServiceException');
      return { ok: false, error: new TaskError('Lambda.ServiceException', cause) };
    }
    services.invokeAsync(name, payload);
    return { ok: true, result: '', async: true };
  }
  try {
    const outcome = await functions.invoke(name, payload);
    if (outcome.ok) return { ok: true, result: outcome.result, async: false };
    const { errorMessage, errorType, trace } = outcome.error;
    return { ok: false, error: new TaskError(errorType, JSON.stringify({ errorMessage, errorType, trace })) };
  } catch (error) {
    const cause = serviceCause(
      error instanceof Error ? error.message : String(error),
      'AWSLambda',
      500,
      'ServiceException',
    );
    return { ok: false, error: new TaskError('Lambda.ServiceException', cause) };
  }
}

function unwrap(invoked: Invoked): unknown {
  if (!invoked.ok) throw invoked.error;
  return invoked.result;
}

/** `lambda:invoke`: Parameters are Invoke's (FunctionName, Payload, Qualifier, InvocationType). */
async function invokeIntegration(services: TaskServices, input: unknown): Promise<unknown> {
  const p = record(input);
  const type = typeof p.InvocationType === 'string' ? p.InvocationType : 'RequestResponse';
  // Without Payload, the integration sends the whole effective input.
  const payload = 'Payload' in p ? p.Payload : input;
  const result = unwrap(await invoke(services, p.FunctionName, p.Qualifier, payload, type));
  const requestId = randomUUID();
  const status = type === 'Event' ? 202 : 200;
  const headers = {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': requestId,
    'X-Amz-Executed-Version': '$LATEST',
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: result,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: status,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: status,
  };
}

function containerOverrides(overrides: unknown): EcsContainerOverride[] {
  const list = record(overrides).ContainerOverrides;
  if (!Array.isArray(list)) return [];
  return list.map((o) => {
    const r = record(o);
    const env = Array.isArray(r.Environment) ? r.Environment.map(record) : undefined;
    return {
      name: String(r.Name),
      ...(Array.isArray(r.Command) ? { command: r.Command.map(String) } : {}),
      ...(env === undefined
        ? {}
        : { environment: Object.fromEntries(env.map((e) => [String(e.Name), String(e.Value)])) }),
    };
  });
}

/** `ecs:runTask.sync`: runs the local task, records its submission, and returns it once STOPPED. */
async function runEcsTask(
  services: TaskServices,
  scope: TaskScope,
  input: unknown,
  attempt: TaskAttempt,
): Promise<unknown> {
  const p = record(input);
  const fail = (type: string, message: string) =>
    new TaskError(`ECS.${type}`, serviceCause(message, 'AmazonECS', 400, type));
  if (typeof p.TaskDefinition !== 'string') throw fail('InvalidParameterException', 'TaskDefinition must be a string.');
  if (p.Count !== undefined && p.Count !== 1)
    throw fail('InvalidParameterException', 'The local ECS runs one task per RunTask (Count 1).');
  let started: StartedTask;
  try {
    started = services.ecs.start({
      ...(typeof p.Cluster === 'string' ? { cluster: p.Cluster } : {}),
      taskDefinition: p.TaskDefinition,
      ...(typeof p.LaunchType === 'string' ? { launchType: p.LaunchType } : {}),
      overrides: containerOverrides(p.Overrides),
      runId: scope.executionName,
      signal: attempt.signal,
    });
  } catch (error) {
    if (error instanceof EcsError) throw fail(error.type, error.message);
    throw error;
  }
  attempt.record('TaskSubmitted', {
    resourceType: 'ecs',
    resource: 'runTask.sync',
    ...data('output', { Failures: [], Tasks: [started.submitted] }),
  });
  return started.stopped;
}

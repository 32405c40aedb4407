/**
 * Lambda's asynchronous invocation (`InvocationType: Event`), as AWS runs it: an in-memory queue;
 * a failed attempt is retried up to `MaximumRetryAttempts` times (AWS waits about 1 then 2 minutes;
 * here a base delay that doubles); an event older than `MaximumEventAgeInSeconds` is not tried
 * again; when an event is given up, its OnFailure destination function gets AWS's invocation record
 * (itself delivered asynchronously), and a success goes to the OnSuccess destination. Nothing is
 * persisted: events still queued when the cloud stops are dropped, with a log line each.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeError, InvokeResult } from './functions.ts';

/** How a function's asynchronous events are retried and routed (an EventInvokeConfig, resolved). */
export interface AsyncSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  /** Logical id of the function that receives given-up events, if any. */
  readonly onFailure: string | null;
  /** Logical id of the function that receives successes, if any. */
  readonly onSuccess: string | null;
}

/** Lambda's defaults for a function without an EventInvokeConfig. */
export const DEFAULT_ASYNC_SETTINGS: AsyncSettings = {
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21_600,
  onFailure: null,
  onSuccess: null,
};

export interface AsyncInvocationsOptions {
  readonly invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  readonly settingsFor: (functionName: string) => AsyncSettings;
  /** The function's ARN as records name it (without qualifier). */
  readonly arnOf: (functionName: string) => string;
  /** The delay before the first retry; each further retry waits twice as long. */
  readonly retryBaseDelayMs: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

interface QueuedEvent {
  readonly requestId: string;
  readonly functionName: string;
  readonly payload: unknown;
  readonly receivedAt: number;
  attempts: number;
  lastError: InvokeError | null;
}

type Condition = 'RetriesExhausted' | 'EventAgeExceeded';

/** AWS's invocation record, as a destination function receives it. */
export interface InvocationRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: Condition | 'Success';
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext?: {
    readonly statusCode: 200;
    readonly executedVersion: '$LATEST';
    readonly functionError?: 'Unhandled';
  };
  readonly responsePayload?: unknown;
}

export class AsyncInvocations {
  private pending = 0;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly retries = new Map<NodeJS.Timeout, QueuedEvent>();
  private readonly running = new Map<QueuedEvent, Promise<void>>();

  constructor(private readonly options: AsyncInvocationsOptions) {}

  /** Accepts an event for `functionName` (a logical id) and returns its request id. */
  enqueue(functionName: string, payload: unknown, requestId: string = randomUUID()): string {
    if (this.closed) throw new Error('the local Lambda service is stopping');
    const event: QueuedEvent = {
      requestId,
      functionName,
      payload,
      receivedAt: Date.now(),
      attempts: 0,
      lastError: null,
    };
    this.pending += 1;
    this.attempt(event);
    return requestId;
  }

  /** Resolves once no event is queued, running or waiting for a retry (destinations included). */
  idle(): Promise<void> {
    if (this.pending === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops queued retries now and waits up to `graceMs` for running invocations, logging what it drops. */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    for (const [timer, event] of this.retries) {
      clearTimeout(timer);
      this.log('WARN', 'dropped an asynchronous event waiting for a retry: the local cloud is stopping', event);
    }
    this.retries.clear();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(this.running.values()), grace]);
    clearTimeout(timer);
    for (const event of this.running.keys()) {
      this.log('WARN', 'dropped a running asynchronous invocation: the local cloud is stopping', event);
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private attempt(event: QueuedEvent): void {
    const settings = this.options.settingsFor(event.functionName);
    if (event.attempts > 0 && Date.now() - event.receivedAt > settings.maximumEventAgeInSeconds * 1000) {
      this.giveUp(event, 'EventAgeExceeded', settings);
      return;
    }
    event.attempts += 1;
    const run = this.options
      .invoke(event.functionName, event.payload)
      .catch((error: unknown): InvokeResult => {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { errorType: 'ServiceException', errorMessage: message, trace: [] } };
      })
      .then((outcome) => {
        this.running.delete(event);
        if (this.closed) return;
        if (outcome.ok) {
          if (settings.onSuccess !== null) {
            this.deliver(settings.onSuccess, this.record(event, 'Success', outcome.result), event);
          }
          this.settle();
          return;
        }
        event.lastError = outcome.error;
        this.log('WARN', 'asynchronous invocation failed', event, { ...outcome.error, trace: undefined });
        if (event.attempts > settings.maximumRetryAttempts) {
          this.giveUp(event, 'RetriesExhausted', settings);
          return;
        }
        const delay = this.options.retryBaseDelayMs * 2 ** (event.attempts - 1);
        const timer = setTimeout(() => {
          this.retries.delete(timer);
          this.attempt(event);
        }, delay);
        timer.unref();
        this.retries.set(timer, event);
      });
    this.running.set(event, run);
  }

  private giveUp(event: QueuedEvent, condition: Condition, settings: AsyncSettings): void {
    this.log('ERROR', `asynchronous event given up (${condition})`, event, { onFailure: settings.onFailure });
    if (settings.onFailure !== null) this.deliver(settings.onFailure, this.record(event, condition), event);
    this.settle();
  }

  private record(event: QueuedEvent, condition: Condition | 'Success', result?: unknown): InvocationRecord {
    const response =
      condition === 'Success'
        ? { responseContext: { statusCode: 200, executedVersion: '$LATEST' } as const, responsePayload: result }
        : event.lastError === null
          ? {}
          : {
              responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' } as const,
              responsePayload: event.lastError,
            };
    return {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId: event.requestId,
        functionArn: `${this.options.arnOf(event.functionName)}:$LATEST`,
        condition,
        approximateInvokeCount: event.attempts,
      },
      requestPayload: event.payload,
      ...response,
    };
  }

  private deliver(destination: string, record: InvocationRecord, source: QueuedEvent): void {
    try {
      this.enqueue(destination, record);
    } catch (error) {
      this.log('ERROR', `could not deliver to destination ${destination}: ${String(error)}`, source);
    }
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private log(level: string, message: string, event: QueuedEvent, extra: Record<string, unknown> = {}): void {
    this.options.log?.({
      level,
      message,
      function: event.functionName,
      requestId: event.requestId,
      attempts: event.attempts,
      ...extra,
    });
  }
}

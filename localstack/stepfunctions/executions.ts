/**
 * Executions of the app's state machines, run by aws-local-stepfunctions with a local handler on
 * every Task state. They live in memory: a restart of the local cloud forgets them (the database
 * keeps the runs). Names are unique per state machine; starting the same name with the same input
 * while it runs returns the running execution (Standard workflows' idempotency), anything else
 * with a used name is ExecutionAlreadyExists. StopExecution aborts at once (status ABORTED) and
 * stops the running tasks; the engine then ends the state it was in without starting another.
 */
import './polyfill.ts';
import {
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { StateMachineInTemplate } from '../cdk-out/reader.ts';
import { forEngine, type MachineDefinition, statesOf } from './definition.ts';
import { SfnError } from './errors.ts';
import { data, History, json } from './history.ts';
import { localHandlers, type TaskAttempt, type TaskResource, type TaskServices } from './tasks.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface LocalStateMachine extends StateMachineInTemplate {
  readonly definition: MachineDefinition;
  readonly engine: StateMachine;
  readonly creationDate: number;
}

export interface ExecutionsOptions {
  readonly stateMachines: readonly StateMachineInTemplate[];
  readonly services: TaskServices;
  readonly region: string;
  /** Replaces every Retry interval (tests); AWS's IntervalSeconds and BackoffRate otherwise. */
  readonly retryIntervalMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/** The engine's events this module reads (its EventLog type is not exported). */
interface EngineEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly type: string; readonly input: unknown; readonly output?: unknown };
  readonly parentState?: { readonly name: string };
  readonly index?: number;
  readonly Error?: string;
}

interface ActiveAttempt {
  readonly resource: TaskResource;
  readonly controller: AbortController;
  settled: boolean;
}

const STOPPED_BY_ABORT = 'Task stopped by Step Functions: the execution was aborted';
const STOPPED_BY_TIMEOUT = 'Task stopped by Step Functions: the state timed out';

export class Execution {
  status: ExecutionStatus = 'RUNNING';
  stopDate: number | undefined;
  output: string | undefined;
  error: string | undefined;
  cause: string | undefined;
  readonly history = new History();
  readonly startDate = Date.now();
  /** Settles once the execution ended and its tasks stopped. */
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private readonly attempts = new Map<string, ActiveAttempt[]>();
  /** States entered and not yet exited, by name → type. */
  private readonly inside = new Map<string, string>();
  private readonly abortEngine: () => void;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly stateMachine: LocalStateMachine,
    readonly input: string,
    options: ExecutionsOptions,
  ) {
    const parsed = JSON.parse(input) as unknown;
    this.history.add('ExecutionStarted', { ...data('input', parsed), roleArn: stateMachine.roleArn ?? '' });
    const handlers = localHandlers(stateMachine.definition, options.services, {
      executionName: name,
      region: options.region,
      attempt: (stateName, resource) => this.attempt(stateName, resource),
    });
    const retryIntervals =
      options.retryIntervalMs === undefined
        ? {}
        : Object.fromEntries(
            statesOf(stateMachine.definition)
              .filter(([, s]) => s.Retry !== undefined)
              .map(([n]) => [n, options.retryIntervalMs as number]),
          );
    const run = stateMachine.engine.run(parsed as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: retryIntervals },
      context: {
        Execution: { Id: arn, Name: name, RoleArn: stateMachine.roleArn ?? '', RedriveCount: 0 },
        StateMachine: { Id: stateMachine.arn, Name: stateMachine.name },
      },
      noThrowOnAbort: true,
    });
    this.abortEngine = run.abort;
    const consumed = (async () => {
      for await (const event of run.eventLogs) this.onEngineEvent(event as EngineEvent);
    })();
    this.done = Promise.allSettled([run.result, consumed]).then(([result]) => this.finish(result));
  }

  /** Aborts the execution now; running tasks are stopped (SIGTERM, then SIGKILL). */
  stop(error: string | undefined, cause: string | undefined): void {
    if (this.status !== 'RUNNING') return;
    this.status = 'ABORTED';
    this.stopDate = Date.now();
    this.error = error;
    this.cause = cause;
    for (const [name, type] of this.inside) if (type === 'Task') this.history.add('TaskStateAborted', { name });
    this.history.close('ExecutionAborted', {
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    this.controller.abort(STOPPED_BY_ABORT);
    this.abortEngine();
  }

  private finish(result: PromiseSettledResult<unknown>): void {
    if (this.status === 'RUNNING') {
      this.stopDate = Date.now();
      if (result.status === 'fulfilled') {
        this.status = 'SUCCEEDED';
        this.output = json(result.value);
        this.history.close('ExecutionSucceeded', data('output', result.value));
      } else if (result.reason instanceof ExecutionTimeoutError) {
        this.status = 'TIMED_OUT';
        this.error = 'States.Timeout';
        this.cause = 'The execution ran longer than the state machine TimeoutSeconds.';
        this.history.close('ExecutionTimedOut', { error: this.error, cause: this.cause });
      } else {
        const failure = result.reason instanceof ExecutionError ? result.reason.cause : result.reason;
        this.status = 'FAILED';
        this.error = failure instanceof Error ? failure.name : 'States.Runtime';
        this.cause = failure instanceof Error ? failure.message : String(failure);
        this.history.close('ExecutionFailed', { error: this.error, cause: this.cause });
      }
    }
    // Whatever still runs (a task of a Parallel branch, a timed-out task) stops with the execution.
    this.controller.abort(STOPPED_BY_ABORT);
  }

  private onEngineEvent(event: EngineEvent): void {
    const state = event.state;
    switch (event.type) {
      case 'StateEntered':
        if (state === undefined) return;
        this.inside.set(state.name, state.type);
        this.history.add(
          `${state.type}StateEntered`,
          { name: state.name, ...data('input', state.input) },
          event.timestamp,
        );
        return;
      case 'StateExited':
        if (state === undefined) return;
        this.inside.delete(state.name);
        this.history.add(
          `${state.type}StateExited`,
          { name: state.name, ...data('output', state.output) },
          event.timestamp,
        );
        return;
      case 'StateFailed':
        if (state?.type === 'Task' && event.Error === 'States.Timeout') this.timedOut(state.name);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.history.add(event.type, { name: event.parentState?.name ?? '', index: event.index ?? 0 }, event.timestamp);
        return;
      default:
        // ExecutionStarted/Succeeded/Failed/Aborted/TimedOut are recorded by the execution itself;
        // StateRetried and StateCaught have no event of their own in AWS's history.
        return;
    }
  }

  /** One attempt of a Task state; the engine's timeout of it stops it (see `timedOut`). */
  private attempt(stateName: string, resource: TaskResource): TaskAttempt {
    const entry: ActiveAttempt = { resource, controller: new AbortController(), settled: false };
    const list = this.attempts.get(stateName) ?? [];
    list.push(entry);
    this.attempts.set(stateName, list);
    return {
      signal: AbortSignal.any([this.controller.signal, entry.controller.signal]),
      record: (type, details) => {
        if (!entry.settled) this.history.add(type, details);
      },
      end: () => {
        entry.settled = true;
        list.splice(list.indexOf(entry), 1);
      },
    };
  }

  /** The engine gave up on the oldest running attempt of `stateName`: record it, and stop its work. */
  private timedOut(stateName: string): void {
    const entry = this.attempts.get(stateName)?.find((a) => !a.settled);
    if (entry === undefined) return;
    entry.settled = true;
    const failure = {
      error: 'States.Timeout',
      cause: `The task in state '${stateName}' ran longer than its TimeoutSeconds.`,
    };
    if (entry.resource.legacyLambda) this.history.add('LambdaFunctionTimedOut', failure);
    else {
      const { resourceType, resource } = entry.resource;
      this.history.add('TaskTimedOut', { resourceType, resource, ...failure });
    }
    entry.controller.abort(STOPPED_BY_TIMEOUT);
  }
}

export class Executions {
  private readonly byArn = new Map<string, Execution>();
  private readonly machines = new Map<string, LocalStateMachine>();

  constructor(private readonly options: ExecutionsOptions) {
    for (const machine of options.stateMachines) {
      const definition = machine.definition as MachineDefinition;
      let engine: StateMachine;
      try {
        engine = new StateMachine(forEngine(definition) as StateMachineDefinition, {
          validationOptions: { checkArn: true, checkPaths: true },
        });
      } catch (error) {
        throw new Error(`State machine ${machine.logicalId} cannot run locally: ${(error as Error).message}`);
      }
      this.machines.set(machine.arn, { ...machine, definition, engine, creationDate: Date.now() });
    }
  }

  stateMachines(): LocalStateMachine[] {
    return [...this.machines.values()];
  }

  stateMachine(arn: string): LocalStateMachine | undefined {
    return this.machines.get(arn);
  }

  execution(arn: string): Execution | undefined {
    return this.byArn.get(arn);
  }

  /** Starts `name` on the machine, or returns the running execution of that name and input. */
  start(machine: LocalStateMachine, name: string, input: string): Execution {
    const arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.byArn.get(arn);
    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = new Execution(arn, name, machine, input, this.options);
    this.byArn.set(arn, execution);
    this.options.log?.({ level: 'INFO', message: 'execution started', execution: arn });
    void execution.done.then(() =>
      this.options.log?.({
        level: execution.status === 'SUCCEEDED' ? 'INFO' : 'WARN',
        message: `execution ${execution.status}`,
        execution: arn,
        ...(execution.error === undefined ? {} : { error: execution.error, cause: execution.cause }),
      }),
    );
    return execution;
  }

  /** The machine's executions, newest first. */
  list(machine: LocalStateMachine, status?: ExecutionStatus): Execution[] {
    return [...this.byArn.values()]
      .filter((e) => e.stateMachine === machine && (status === undefined || e.status === status))
      .reverse();
  }

  /** Aborts every running execution and waits for their tasks to stop. */
  async close(): Promise<void> {
    const running = [...this.byArn.values()].filter((e) => e.status === 'RUNNING');
    for (const execution of running) execution.stop('States.Aborted', 'The local cloud is stopping.');
    await Promise.allSettled(running.map((e) => e.done));
  }
}

/**
 * The local stand-in for an ECS task that `ecs:runTask.sync` runs: the task definition's one
 * container runs as a child process, `node <image asset dir>/<entry> <command...>`, with the
 * container's environment (the template's, resolved, plus the local AWS endpoints and credential,
 * plus the overrides). Its stdout and stderr are captured, streamed to the local log sink, and
 * uploaded to `runs/<run id>/logs/task-<task id>.log` in the app's bucket when the child ends,
 * however it ends (CloudWatch Logs' role in AWS). The result is the task as ECS's DescribeTasks
 * shows a STOPPED task, in Step Functions' PascalCase; a child killed by a signal reports exit
 * code 128 + the signal's number, as Docker does. Stopping a task (the execution was aborted or
 * the state timed out) sends SIGTERM, then SIGKILL after a grace period, as ECS's StopTask does.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RUNNER_BUNDLE } from '../../runner-container/build.ts';
import type { TaskDefinitionInTemplate } from '../cdk-out/reader.ts';
import { localS3Client } from '../s3/bucket.ts';

export interface EcsTaskOptions {
  readonly region: string;
  readonly accountId: string;
  readonly taskDefinitions: readonly TaskDefinitionInTemplate[];
  /** Variables every task gets under its container's own: local endpoints and the local credential. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Where captured output goes; no upload without it. */
  readonly logs?: {
    readonly endpoint: string;
    readonly bucket: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** Time between SIGTERM and SIGKILL when a task is stopped. @default 5000 */
  readonly stopGraceMs?: number;
  /** Receives the children's output (prefixed by task id) and the stand-in's own notes. */
  readonly log?: (text: string) => void;
}

/** A failure ECS itself would answer RunTask with; Step Functions names it `ECS.<type>`. */
export class EcsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** A running task, for tests and tools that need its process. */
export interface RunningTask {
  readonly taskArn: string;
  /** The run (execution name) whose logs the task writes. */
  readonly runId: string;
  readonly pid: number;
}

export interface EcsContainerOverride {
  readonly name: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
}

export interface RunTaskRequest {
  readonly cluster?: string;
  readonly taskDefinition: string;
  readonly launchType?: string;
  readonly overrides: readonly EcsContainerOverride[];
  /** The execution name: the run whose `runs/<id>/logs/` get the capture. */
  readonly runId: string;
  /** Aborting it stops the task; its reason becomes StoppedReason. */
  readonly signal: AbortSignal;
}

export interface StartedTask {
  /** The task as RunTask answered it (PENDING). */
  readonly submitted: Record<string, unknown>;
  /** The task once STOPPED, after its logs were uploaded. */
  readonly stopped: Promise<Record<string, unknown>>;
}

/** The largest capture kept; past it the rest is dropped with a note (the local log sink still sees it all). */
const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

const signalNumber = (signal: NodeJS.Signals): number => constants.signals[signal] ?? 0;

/** How the task's one container ended: its exit code (none when it never ran), and ECS's stop code and reason. */
interface Outcome {
  readonly exitCode: number | null;
  readonly reason: string | null;
  readonly stopCode: string;
  readonly stoppedReason: string;
}

const failedToStart = (reason: string): Outcome => ({
  exitCode: null,
  reason,
  stopCode: 'TaskFailedToStart',
  stoppedReason: reason,
});

export class LocalEcs {
  private readonly running = new Map<string, { task: RunningTask; stop: (reason: string) => void }>();
  private readonly settling = new Set<Promise<unknown>>();
  private readonly s3: S3Client | undefined;

  constructor(private readonly options: EcsTaskOptions) {
    const logs = options.logs;
    this.s3 = logs === undefined ? undefined : localS3Client(logs.endpoint, logs.credentials, options.region);
  }

  /** The tasks whose process is running. */
  tasks(): RunningTask[] {
    return [...this.running.values()].map((r) => r.task);
  }

  /** The task definition a RunTask names: its ARN (any revision), `family[:revision]`, or its local name. */
  private findTaskDefinition(reference: string): TaskDefinitionInTemplate | undefined {
    const name = reference.startsWith('arn:') ? reference.slice(reference.indexOf('task-definition/') + 16) : reference;
    const family = name.replace(/:\d+$/, '');
    return this.options.taskDefinitions.find((d) => d.family === family || d.localName === family);
  }

  start(request: RunTaskRequest): StartedTask {
    const definition = this.findTaskDefinition(request.taskDefinition);
    if (definition === undefined) {
      throw new EcsError('InvalidParameterException', `Unable to find task definition '${request.taskDefinition}'.`);
    }
    const [container, ...others] = definition.containers;
    if (container === undefined || others.length > 0) {
      const message = `The local ECS runs task definitions with exactly one container; ${definition.family} has ${definition.containers.length}.`;
      throw new EcsError('InvalidParameterException', message);
    }
    for (const o of request.overrides) {
      if (o.name !== container.name) {
        throw new EcsError(
          'InvalidParameterException',
          `Override for container named ${o.name} is not a container in the TaskDefinition.`,
        );
      }
    }
    const override = request.overrides.find((o) => o.name === container.name);
    const { region, accountId } = this.options;
    const clusterName = (request.cluster ?? 'default').replace(/^arn:[^/]*:cluster\//, '');
    const taskId = randomUUID().replaceAll('-', '');
    const taskArn = `arn:aws:ecs:${region}:${accountId}:task/${clusterName}/${taskId}`;
    const createdAt = Date.now();
    const describe = (fields: Record<string, unknown>, containerFields: Record<string, unknown>) => ({
      Attachments: [],
      ClusterArn: `arn:aws:ecs:${region}:${accountId}:cluster/${clusterName}`,
      Containers: [
        {
          ContainerArn: `arn:aws:ecs:${region}:${accountId}:container/${clusterName}/${taskId}/${container.name}`,
          Name: container.name,
          TaskArn: taskArn,
          NetworkInterfaces: [],
          ...containerFields,
        },
      ],
      CreatedAt: createdAt,
      Group: `family:${definition.family}`,
      LaunchType: request.launchType ?? 'FARGATE',
      Overrides: {
        ContainerOverrides: request.overrides.map((o) => ({
          Name: o.name,
          ...(o.command === undefined ? {} : { Command: o.command }),
          ...(o.environment === undefined
            ? {}
            : { Environment: Object.entries(o.environment).map(([Name, Value]) => ({ Name, Value })) }),
        })),
      },
      StartedBy: 'AWS Step Functions',
      TaskArn: taskArn,
      TaskDefinitionArn: definition.arn,
      ...fields,
    });
    const submitted = describe({ DesiredStatus: 'RUNNING', LastStatus: 'PENDING' }, { LastStatus: 'PENDING' });
    const entry = container.assetDirectory === null ? null : join(container.assetDirectory, RUNNER_BUNDLE);
    const command = override?.command ?? container.command ?? [];
    const env = { ...this.options.baseEnv, ...container.environment, ...override?.environment };

    const stopped = (async () => {
      const capture = new Capture(taskId, this.options.log);
      let outcome: Outcome;
      if (entry === null || !existsSync(entry)) {
        const missing =
          entry === null
            ? `the image of container ${container.name} is no Docker asset of this app`
            : `${entry} does not exist (the runner bundle is built during synth)`;
        const reason = `CannotPullContainerError: ${missing}`;
        capture.note(reason);
        outcome = failedToStart(reason);
      } else {
        outcome = await this.runChild(taskArn, request, entry, command, env, capture);
      }
      const stoppedAt = Date.now();
      await this.upload(request.runId, taskId, capture);
      return describe(
        {
          DesiredStatus: 'STOPPED',
          LastStatus: 'STOPPED',
          StopCode: outcome.stopCode,
          StoppedReason: outcome.stoppedReason,
          ...(outcome.exitCode === null ? {} : { StartedAt: createdAt }),
          StoppingAt: stoppedAt,
          StoppedAt: stoppedAt,
          ExecutionStoppedAt: stoppedAt,
        },
        {
          LastStatus: 'STOPPED',
          ...(outcome.exitCode === null ? {} : { ExitCode: outcome.exitCode }),
          ...(outcome.reason === null ? {} : { Reason: outcome.reason }),
        },
      );
    })();
    const tracked = stopped.finally(() => this.settling.delete(tracked));
    this.settling.add(tracked);
    return { submitted, stopped };
  }

  /** Stops every running task (SIGTERM, SIGKILL after the grace period) and waits until each has ended and uploaded its logs. */
  async close(): Promise<void> {
    for (const { stop } of this.running.values()) stop('Task stopped: the local cloud is stopping');
    await Promise.allSettled([...this.settling]);
    this.s3?.destroy();
  }

  private runChild(
    taskArn: string,
    request: RunTaskRequest,
    entry: string,
    command: readonly string[],
    env: Record<string, string>,
    capture: Capture,
  ): Promise<Outcome> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [entry, ...command], {
        cwd: join(entry, '..'),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stoppedBy: string | null = null;
      let killer: NodeJS.Timeout | undefined;
      const stop = (reason: string) => {
        if (stoppedBy !== null || child.exitCode !== null || child.signalCode !== null) return;
        stoppedBy = reason;
        child.kill('SIGTERM');
        killer = setTimeout(() => child.kill('SIGKILL'), this.options.stopGraceMs ?? 5_000);
      };
      const onAbort = () => stop(String(request.signal.reason ?? 'Task stopped'));
      if (child.pid !== undefined) {
        this.running.set(taskArn, { task: { taskArn, runId: request.runId, pid: child.pid }, stop });
      }
      child.stdout.on('data', (chunk: Buffer) => capture.add(chunk, 'stdout'));
      child.stderr.on('data', (chunk: Buffer) => capture.add(chunk, 'stderr'));
      request.signal.addEventListener('abort', onAbort, { once: true });
      if (request.signal.aborted) onAbort();
      child.once('exit', () => {
        this.running.delete(taskArn);
        clearTimeout(killer);
      });
      child.once('error', (error) => {
        this.running.delete(taskArn);
        request.signal.removeEventListener('abort', onAbort);
        const reason = `CannotStartContainerError: ${error.message}`;
        capture.note(reason);
        resolve(failedToStart(reason));
      });
      // 'close' comes after the output streams ended: the capture is complete.
      child.once('close', (code, signal) => {
        request.signal.removeEventListener('abort', onAbort);
        const exitCode = code ?? 128 + signalNumber(signal ?? 'SIGKILL');
        capture.flush();
        resolve(
          stoppedBy === null
            ? {
                exitCode,
                reason: null,
                stopCode: 'EssentialContainerExited',
                stoppedReason: 'Essential container in task exited',
              }
            : { exitCode, reason: null, stopCode: 'UserInitiated', stoppedReason: stoppedBy },
        );
      });
    });
  }

  private async upload(runId: string, taskId: string, capture: Capture): Promise<void> {
    const logs = this.options.logs;
    if (logs === undefined || this.s3 === undefined) return;
    const key = `runs/${runId}/logs/task-${taskId}.log`;
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: logs.bucket,
          Key: key,
          Body: capture.bytes(),
          ContentType: 'text/plain; charset=utf-8',
        }),
      );
    } catch (error) {
      this.options.log?.(`[${taskId}] could not upload its logs to s3://${logs.bucket}/${key}: ${String(error)}\n`);
    }
  }
}

/** A task's output: kept (up to a limit) for the upload, and passed on line by line to the log sink. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;
  private readonly partial = { stdout: '', stderr: '' };

  constructor(
    private readonly taskId: string,
    private readonly sink: ((text: string) => void) | undefined,
  ) {}

  add(chunk: Buffer, stream: 'stdout' | 'stderr'): void {
    if (this.size + chunk.length <= MAX_CAPTURE_BYTES) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    } else if (!this.truncated) {
      this.truncated = true;
      this.chunks.push(Buffer.from(`\n[local ECS: output past ${MAX_CAPTURE_BYTES} bytes was dropped]\n`));
    }
    if (this.sink === undefined) return;
    const text = this.partial[stream] + chunk.toString('utf8');
    const end = text.lastIndexOf('\n') + 1;
    this.partial[stream] = text.slice(end);
    if (end > 0) this.sink(prefixLines(this.taskId, text.slice(0, end)));
  }

  /** A line of the stand-in's own, in the capture and the sink. */
  note(text: string): void {
    this.add(Buffer.from(`${text}\n`), 'stderr');
  }

  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.sink?.(prefixLines(this.taskId, `${this.partial[stream]}\n`));
      this.partial[stream] = '';
    }
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const prefixLines = (taskId: string, text: string) => text.replace(/^(?=.)/gm, `[${taskId.slice(0, 8)}] `);

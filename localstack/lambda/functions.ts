/**
 * Local Lambda functions: each function gets worker threads as execution environments, created on
 * demand up to a concurrency limit, each with the function's own environment variables (so two
 * functions never share `process.env`). An invocation that outlives the function's timeout fails
 * like Lambda's "Task timed out", and its worker is replaced.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface LocalFunction {
  /** The function's name (its logical id in the template). */
  readonly name: string;
  /** The bundle file to import, e.g. `<asset dir>/index.mjs`. */
  readonly file: string;
  /** The exported handler name. */
  readonly exportName: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface InvokeError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
}

export type InvokeResult =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: InvokeError };

const workerFile = fileURLToPath(new URL('./worker.mjs', import.meta.url));

interface Pending {
  resolve: (result: InvokeResult) => void;
  timer: NodeJS.Timeout;
}

class Environment {
  readonly worker: Worker;
  private pending: { id: string; entry: Pending } | undefined;

  constructor(
    readonly fn: LocalFunction,
    baseEnv: Readonly<Record<string, string>>,
    region: string,
    private readonly onDead: (env: Environment) => void,
    logs: ((fn: string, line: string) => void) | undefined,
  ) {
    this.worker = new Worker(workerFile, {
      stdout: logs !== undefined,
      stderr: logs !== undefined,
      env: { ...baseEnv, ...fn.environment, AWS_LAMBDA_FUNCTION_NAME: fn.name, AWS_REGION: region },
      workerData: {
        file: fn.file,
        exportName: fn.exportName,
        functionName: fn.name,
        memoryMb: fn.memoryMb,
        timeoutMs: fn.timeoutSeconds * 1000,
        region,
      },
    });
    if (logs !== undefined) {
      for (const stream of [this.worker.stdout, this.worker.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => logs(fn.name, chunk));
      }
    }
    this.worker.on('message', (message: { id: string } & InvokeResult) => this.settle(message.id, message));
    this.worker.on('error', (error) => this.fail(`the function crashed: ${error.message}`, 'Runtime.ExitError'));
    this.worker.on('exit', () => {
      this.fail('the execution environment exited', 'Runtime.ExitError');
      this.onDead(this);
    });
  }

  /** Reserved by the host for one invocation, from acquisition until the answer. */
  inUse = false;

  invoke(event: unknown): Promise<InvokeResult> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.fail(`Task timed out after ${this.fn.timeoutSeconds}.00 seconds`, 'Sandbox.Timedout');
        void this.worker.terminate();
      }, this.fn.timeoutSeconds * 1000);
      this.pending = { id, entry: { resolve, timer } };
      this.worker.postMessage({ id, event });
    });
  }

  private settle(id: string, result: InvokeResult): void {
    if (this.pending?.id !== id) return;
    clearTimeout(this.pending.entry.timer);
    const { resolve } = this.pending.entry;
    this.pending = undefined;
    resolve(result);
  }

  private fail(message: string, errorType: string): void {
    if (this.pending === undefined) return;
    this.settle(this.pending.id, { ok: false, error: { errorType, errorMessage: message, trace: [] } });
  }
}

export interface FunctionHostOptions {
  /** Variables every function sees (endpoints, local credentials), under its own. */
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly region: string;
  /** Execution environments per function at most (default 4). */
  readonly concurrency?: number;
  /** Where the functions' stdout and stderr go; the parent's own streams when omitted. */
  readonly logs?: (fn: string, text: string) => void;
}

/** Hosts local functions and invokes them by name. */
export class FunctionHost {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly environments = new Map<string, Environment[]>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly options: FunctionHostOptions) {}

  register(fn: LocalFunction): void {
    this.functions.set(fn.name, fn);
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** The registered functions' names (logical ids). */
  names(): string[] {
    return [...this.functions.keys()];
  }

  async invoke(name: string, event: unknown): Promise<InvokeResult> {
    const env = await this.acquire(name);
    try {
      return await env.invoke(event);
    } finally {
      env.inUse = false;
      this.waiting.get(name)?.shift()?.();
    }
  }

  async close(): Promise<void> {
    const all = [...this.environments.values()].flat();
    this.environments.clear();
    await Promise.all(all.map((env) => env.worker.terminate()));
  }

  private async acquire(name: string): Promise<Environment> {
    const fn = this.functions.get(name);
    if (fn === undefined) throw new Error(`no local function named ${name}`);
    for (;;) {
      const pool = this.environments.get(name) ?? [];
      this.environments.set(name, pool);
      const idle = pool.find((env) => !env.inUse);
      if (idle !== undefined) {
        idle.inUse = true;
        return idle;
      }
      if (pool.length < (this.options.concurrency ?? 4)) {
        const env = new Environment(
          fn,
          this.options.baseEnv,
          this.options.region,
          (dead) => {
            const list = this.environments.get(name);
            if (list !== undefined) list.splice(list.indexOf(dead), 1);
          },
          this.options.logs,
        );
        env.inUse = true;
        pool.push(env);
        return env;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(name) ?? [];
        queue.push(resolve);
        this.waiting.set(name, queue);
      });
    }
  }
}

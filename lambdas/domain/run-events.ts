/**
 * A run's readable steps from its Step Functions execution history: when it was queued, each step
 * started, retried, finished or failed (with the error a person can act on), and how the run ended.
 * Scheduling chatter (TaskScheduled, Choice states) is left out.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { Run, RunEvent } from '@talaty/schemas';

type Kind = RunEvent['kind'];

const seconds = (from: Date, to: Date) => ((to.getTime() - from.getTime()) / 1000).toFixed(1);

/** The message inside a Lambda error's cause (`{"errorMessage": …}`), or the cause itself. */
export function causeMessage(cause: string | undefined): string {
  if (cause === undefined || cause === '') return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return cause;
}

const STEP_PURPOSE: Readonly<Record<string, string>> = {
  Prepare: 'checking the pinned versions and writing the manifest',
  Train: 'training and evaluating in the runner task',
  Record: 'recording metrics and registering the model',
  MarkFailed: 'recording the failure',
};

export function runEvents(run: Run, history: readonly HistoryEvent[]): RunEvent[] {
  const events: RunEvent[] = [];
  const add = (timestamp: Date | string, kind: Kind, step: string | null, message: string, details = {}) => {
    events.push({
      run_id: run.id,
      seq: events.length + 1,
      timestamp: typeof timestamp === 'string' ? timestamp : timestamp.toISOString(),
      kind,
      step,
      message,
      details,
    });
  };
  add(run.created_at, 'run_queued', null, `Run queued by ${run.created_by}.`, { run_spec_id: run.run_spec_id });

  const entered = new Map<string, Date>();
  const scheduled = new Map<string, number>();
  let current: string | null = null;
  for (const e of history) {
    const at = e.timestamp ?? new Date(0);
    switch (e.type) {
      case 'TaskStateEntered': {
        const name = e.stateEnteredEventDetails?.name ?? 'step';
        current = name;
        entered.set(name, at);
        const purpose = STEP_PURPOSE[name];
        add(at, 'step_started', name, `${name} started${purpose ? `: ${purpose}` : ''}.`);
        break;
      }
      case 'TaskScheduled': {
        if (current === null) break;
        const count = (scheduled.get(current) ?? 0) + 1;
        scheduled.set(current, count);
        if (count > 1) add(at, 'step_retried', current, `${current} retried (attempt ${count}).`, { attempt: count });
        break;
      }
      case 'TaskSubmitted': {
        const output = parseJson(e.taskSubmittedEventDetails?.output);
        const taskArn = typeof output?.TaskArn === 'string' ? output.TaskArn : undefined;
        if (current !== null && taskArn !== undefined) {
          add(at, 'step_started', current, `${current}: task ${taskArn.split('/').pop()} submitted.`, {
            task_arn: taskArn,
          });
        }
        break;
      }
      case 'TaskFailed':
      case 'TaskTimedOut': {
        const details = e.type === 'TaskFailed' ? e.taskFailedEventDetails : e.taskTimedOutEventDetails;
        const error = details?.error ?? (e.type === 'TaskTimedOut' ? 'States.Timeout' : 'Error');
        const message = causeMessage(details?.cause);
        add(at, 'step_failed', current, `${current ?? 'A step'} failed: ${error}${message ? ` — ${message}` : ''}`, {
          error,
          cause: message,
        });
        break;
      }
      case 'TaskStateExited': {
        const name = e.stateExitedEventDetails?.name ?? current ?? 'step';
        const since = entered.get(name);
        add(at, 'step_succeeded', name, `${name} finished${since ? ` in ${seconds(since, at)} s` : ''}.`);
        current = null;
        break;
      }
      case 'ExecutionSucceeded':
        add(at, 'run_succeeded', null, 'Run succeeded.');
        break;
      case 'ExecutionFailed': {
        const d = e.executionFailedEventDetails;
        const failure = run.status === 'FAILED' ? run.failure.message : causeMessage(d?.cause);
        add(at, 'run_failed', null, `Run failed${failure ? `: ${failure}` : '.'}`, { error: d?.error ?? null });
        break;
      }
      case 'ExecutionAborted': {
        const why = causeMessage(e.executionAbortedEventDetails?.cause);
        add(at, 'run_cancelled', null, `Run cancelled${why ? `: ${why}` : '.'}`);
        break;
      }
      case 'ExecutionTimedOut':
        add(at, 'run_timed_out', null, 'Run timed out.');
        break;
      default:
        break;
    }
  }
  return events;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

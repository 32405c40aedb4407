/**
 * A run's events grouped into its steps (Prepare → Train → Record, or MarkFailed): when each
 * started and ended, how long it took, how many attempts, and the error a failed step reported
 * (the step before MarkFailed counts as failed even when its task merely exited non-zero).
 */
import type { RunEvent } from '@talaty/schemas';

export type StepState = 'running' | 'succeeded' | 'failed' | 'stopped';

export interface TimelineStep {
  readonly step: string;
  readonly state: StepState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly attempts: number;
  /** What the step reported along the way (task submitted, retries, its error). */
  readonly notes: readonly string[];
  readonly error: string | null;
}

export interface Timeline {
  readonly queuedAt: string | null;
  readonly steps: readonly TimelineStep[];
  /** How the run ended, from its last run-level event; null while it runs. */
  readonly end: { readonly kind: RunEvent['kind']; readonly at: string; readonly message: string } | null;
}

const ENDINGS: ReadonlySet<RunEvent['kind']> = new Set([
  'run_succeeded',
  'run_failed',
  'run_cancelled',
  'run_timed_out',
]);

interface Draft {
  step: string;
  state: StepState;
  startedAt: string;
  finishedAt: string | null;
  attempts: number;
  notes: string[];
  error: string | null;
}

export function buildTimeline(events: readonly RunEvent[]): Timeline {
  const steps: Draft[] = [];
  let queuedAt: string | null = null;
  let end: Timeline['end'] = null;
  const open = (name: string) => steps.findLast((s) => s.step === name && s.finishedAt === null);
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.kind === 'run_queued') queuedAt = e.timestamp;
    else if (ENDINGS.has(e.kind)) end = { kind: e.kind, at: e.timestamp, message: e.message };
    if (e.step === null) continue;
    const current = open(e.step);
    switch (e.kind) {
      case 'step_started':
        if (current === undefined) {
          steps.push({
            step: e.step,
            state: 'running',
            startedAt: e.timestamp,
            finishedAt: null,
            attempts: 1,
            notes: [],
            error: null,
          });
        } else {
          current.notes.push(e.message);
        }
        break;
      case 'step_retried':
        if (current !== undefined) {
          current.attempts += 1;
          current.notes.push(e.message);
        }
        break;
      case 'step_succeeded':
        if (current !== undefined) {
          current.state = 'succeeded';
          current.finishedAt = e.timestamp;
        }
        break;
      case 'step_failed':
        if (current !== undefined) {
          current.state = 'failed';
          current.finishedAt = e.timestamp;
          current.error = e.message;
        }
        break;
      default:
        break;
    }
  }
  // A task that exits non-zero ends its step normally; the pipeline's choice then runs MarkFailed.
  // To a person that step failed.
  const marked = steps.findIndex((s) => s.step === 'MarkFailed');
  const before = steps[marked - 1];
  if (marked > 0 && before !== undefined && before.state === 'succeeded') before.state = 'failed';
  // A step still open when the run ended was stopped (cancelled, timed out) or failed with it.
  if (end !== null) {
    for (const s of steps) {
      if (s.finishedAt === null) {
        s.state = end.kind === 'run_failed' ? 'failed' : 'stopped';
        s.finishedAt = end.at;
      }
    }
  }
  return {
    queuedAt,
    end,
    steps: steps.map((s) => ({
      ...s,
      durationMs: s.finishedAt === null ? null : Date.parse(s.finishedAt) - Date.parse(s.startedAt),
    })),
  };
}

import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { documents, exampleOf, type Run } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { runEvents } from './run-events.ts';

const run = exampleOf(documents.Run, 1) as Run;
const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 12, 5, s));
let id = 0;
const event = (s: number, type: string, details: Partial<HistoryEvent> = {}): HistoryEvent =>
  ({ id: ++id, timestamp: at(s), type, ...details }) as HistoryEvent;

describe('runEvents', () => {
  it('turns an execution history into readable steps, with retries and the failure', () => {
    const history = [
      event(1, 'ExecutionStarted'),
      event(1, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'Prepare' } }),
      event(1, 'TaskScheduled'),
      event(2, 'TaskStateExited', { stateExitedEventDetails: { name: 'Prepare' } }),
      event(2, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'Train' } }),
      event(2, 'TaskScheduled'),
      event(3, 'TaskSubmitted', {
        taskSubmittedEventDetails: {
          resource: 'runTask.sync',
          resourceType: 'ecs',
          output: JSON.stringify({ TaskArn: 'arn:aws:ecs:us-east-1:1:task/c/abc123' }),
        },
      }),
      event(4, 'TaskFailed', {
        taskFailedEventDetails: {
          resource: 'runTask.sync',
          resourceType: 'ecs',
          error: 'ECS.AmazonECSException',
          cause: 'capacity',
        },
      }),
      event(5, 'TaskScheduled'),
      event(9, 'TaskStateExited', { stateExitedEventDetails: { name: 'Train' } }),
      event(9, 'ChoiceStateEntered', { stateEnteredEventDetails: { name: 'RunnerExited' } }),
      event(9, 'TaskStateEntered', { stateEnteredEventDetails: { name: 'MarkFailed' } }),
      event(10, 'TaskStateExited', { stateExitedEventDetails: { name: 'MarkFailed' } }),
      event(10, 'ExecutionFailed', { executionFailedEventDetails: { error: 'RunFailed', cause: 'x' } }),
    ];
    const events = runEvents(run, history);
    expect(events.map((e) => [e.kind, e.step])).toEqual([
      ['run_queued', null],
      ['step_started', 'Prepare'],
      ['step_succeeded', 'Prepare'],
      ['step_started', 'Train'],
      ['step_started', 'Train'],
      ['step_failed', 'Train'],
      ['step_retried', 'Train'],
      ['step_succeeded', 'Train'],
      ['step_started', 'MarkFailed'],
      ['step_succeeded', 'MarkFailed'],
      ['run_failed', null],
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[2]?.message).toBe('Prepare finished in 1.0 s.');
    expect(events[4]?.details).toEqual({ task_arn: 'arn:aws:ecs:us-east-1:1:task/c/abc123' });
    expect(events[5]?.message).toBe('Train failed: ECS.AmazonECSException — capacity');
    expect(events.at(-1)?.message).toContain(run.status === 'FAILED' ? run.failure.message : '');
    for (const e of events) expect(documents.RunEvent.safeParse(e).success).toBe(true);
  });

  it('has only the queued event before the execution exists, and reads an abort as cancelled', () => {
    expect(runEvents(run, []).map((e) => e.kind)).toEqual(['run_queued']);
    const aborted = runEvents(run, [
      event(1, 'ExecutionAborted', { executionAbortedEventDetails: { cause: 'Cancelled by alice.' } }),
    ]);
    expect(aborted.at(-1)).toMatchObject({ kind: 'run_cancelled', message: 'Run cancelled: Cancelled by alice.' });
  });
});

import type { RunEvent } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, seconds)).toISOString();
let seq = 0;
const event = (
  seconds: number,
  kind: RunEvent['kind'],
  step: string | null,
  message = `${kind} ${step}`,
): RunEvent => ({
  run_id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
  seq: ++seq,
  timestamp: at(seconds),
  kind,
  step,
  message,
  details: {},
});

describe('buildTimeline', () => {
  it('groups a succeeded run into its steps with durations', () => {
    const timeline = buildTimeline([
      event(0, 'run_queued', null),
      event(1, 'step_started', 'Prepare'),
      event(2, 'step_succeeded', 'Prepare'),
      event(2, 'step_started', 'Train'),
      event(3, 'step_started', 'Train', 'Train: task 9f8e7d submitted.'),
      event(9, 'step_succeeded', 'Train'),
      event(9, 'step_started', 'Record'),
      event(10, 'step_succeeded', 'Record'),
      event(10, 'run_succeeded', null),
    ]);
    expect(timeline.queuedAt).toBe(at(0));
    expect(timeline.steps.map((s) => [s.step, s.state, s.durationMs])).toEqual([
      ['Prepare', 'succeeded', 1000],
      ['Train', 'succeeded', 7000],
      ['Record', 'succeeded', 1000],
    ]);
    expect(timeline.steps[1]?.notes).toEqual(['Train: task 9f8e7d submitted.']);
    expect(timeline.end?.kind).toBe('run_succeeded');
  });

  it('keeps the error of a failed step, counts retries, and leaves a running step open', () => {
    const failed = buildTimeline([
      event(0, 'run_queued', null),
      event(1, 'step_started', 'Prepare'),
      event(2, 'step_retried', 'Prepare', 'Prepare retried (attempt 2).'),
      event(3, 'step_failed', 'Prepare', 'Prepare failed: DatasetNotReady — only READY versions can run'),
      event(3, 'step_started', 'MarkFailed'),
      event(4, 'step_succeeded', 'MarkFailed'),
      event(4, 'run_failed', null),
    ]);
    expect(failed.steps[0]).toMatchObject({ step: 'Prepare', state: 'failed', attempts: 2, durationMs: 2000 });
    expect(failed.steps[0]?.error).toContain('DatasetNotReady');
    expect(failed.steps[1]?.state).toBe('succeeded');

    const running = buildTimeline([event(0, 'run_queued', null), event(1, 'step_started', 'Train')]);
    expect(running.steps[0]).toMatchObject({ state: 'running', finishedAt: null, durationMs: null });
    expect(running.end).toBeNull();
  });

  it('counts the step before MarkFailed as failed when its task only exited non-zero', () => {
    const timeline = buildTimeline([
      event(0, 'run_queued', null),
      event(1, 'step_started', 'Prepare'),
      event(2, 'step_succeeded', 'Prepare'),
      event(2, 'step_started', 'Train'),
      event(4, 'step_succeeded', 'Train'),
      event(4, 'step_started', 'MarkFailed'),
      event(5, 'step_succeeded', 'MarkFailed'),
      event(5, 'run_failed', null),
    ]);
    expect(timeline.steps.map((s) => [s.step, s.state])).toEqual([
      ['Prepare', 'succeeded'],
      ['Train', 'failed'],
      ['MarkFailed', 'succeeded'],
    ]);
  });

  it('marks the step that was running when the run was cancelled as stopped', () => {
    const cancelled = buildTimeline([
      event(0, 'run_queued', null),
      event(1, 'step_started', 'Train'),
      event(5, 'run_cancelled', null, 'Run cancelled: Cancelled by alice.'),
    ]);
    expect(cancelled.steps[0]).toMatchObject({ state: 'stopped', durationMs: 4000 });
    expect(cancelled.end?.message).toBe('Run cancelled: Cancelled by alice.');
  });
});

/** What the runs pages ask of a run's status and samples, in one place. */
import type { Run } from '@talaty/schemas';

export type RunStatus = Run['status'];
export type SampleName = 'train' | 'valid' | 'test' | 'oot';

export const SAMPLES: readonly SampleName[] = ['train', 'valid', 'test', 'oot'];
export const SAMPLE_LABEL: Readonly<Record<SampleName, string>> = {
  train: 'Train',
  valid: 'Validation',
  test: 'Test',
  oot: 'Out of time',
};

/** QUEUED or RUNNING: the run may still change, so its pages poll. */
export const isActive = (status: RunStatus): boolean => status === 'QUEUED' || status === 'RUNNING';

/** How often a page asks again while a run it shows is active. */
export const LIVE_INTERVAL_MS = 2000;

export const shortId = (id: string): string => id.slice(0, 8);

/** Milliseconds from start to finish (or to now while running); null before it starts. */
export function runDuration(run: Run, now = Date.now()): number | null {
  if (run.started_at === null) return null;
  const end = run.finished_at === null ? now : Date.parse(run.finished_at);
  return Math.max(0, end - Date.parse(run.started_at));
}

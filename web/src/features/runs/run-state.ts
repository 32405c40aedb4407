/** How the runs pages name a run and measure its duration. */
import type { Run } from '@talaty/schemas';

export const shortId = (id: string): string => id.slice(0, 8);

/** Milliseconds from start to finish (or to now while running); null before it starts. */
export function runDuration(run: Run, now = Date.now()): number | null {
  if (run.started_at === null) return null;
  const end = run.finished_at === null ? now : Date.parse(run.finished_at);
  return Math.max(0, end - Date.parse(run.started_at));
}

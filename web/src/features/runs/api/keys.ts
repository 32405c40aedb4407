/** Query keys of the runs feature: invalidating a prefix refreshes everything under it. */
import { runKey } from '../../../lib/queries/get-run.ts';
import { runMetricsKey } from '../../../lib/queries/get-run-metrics.ts';

export const runKeys = {
  all: ['runs'] as const,
  lists: () => [...runKeys.all, 'list'] as const,
  list: (filters: Readonly<Record<string, string | undefined>>) => [...runKeys.lists(), filters] as const,
  detail: runKey,
  events: (runId: string) => [...runKeys.detail(runId), 'events'] as const,
  metrics: runMetricsKey,
  logText: (runId: string, file: string) => [...runKeys.detail(runId), 'log', file] as const,
  modelVersion: (runId: string) => [...runKeys.detail(runId), 'model-version'] as const,
};

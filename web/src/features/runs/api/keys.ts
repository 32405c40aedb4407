/** Query keys of the runs feature: invalidating a prefix refreshes everything under it. */
export const runKeys = {
  all: ['runs'] as const,
  lists: () => [...runKeys.all, 'list'] as const,
  list: (filters: Readonly<Record<string, string | undefined>>) => [...runKeys.lists(), filters] as const,
  detail: (runId: string) => [...runKeys.all, 'detail', runId] as const,
  events: (runId: string) => [...runKeys.detail(runId), 'events'] as const,
  artifact: (runId: string, name: string) => [...runKeys.detail(runId), 'artifact', name] as const,
  metrics: (runId: string) => [...runKeys.detail(runId), 'metrics'] as const,
  logText: (runId: string, file: string) => [...runKeys.detail(runId), 'log', file] as const,
  modelVersion: (runId: string) => [...runKeys.detail(runId), 'model-version'] as const,
  /** The run-specs feature's key for one run spec, so both features share its cache entry. */
  runSpec: (runSpecId: string) => ['run-specs', 'detail', runSpecId] as const,
};

export const runPath = (runId: string) => `runs/${encodeURIComponent(runId)}`;

export const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });

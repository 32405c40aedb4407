/** Query keys of the model registry and of what a model version's lineage reads. */
export const modelKeys = {
  all: ['models'] as const,
  list: () => [...modelKeys.all, 'list'] as const,
  detail: (id: string) => [...modelKeys.all, 'detail', id] as const,
  versions: (id: string, limit: number) => [...modelKeys.detail(id), 'versions', limit] as const,
  version: (id: string, version: number) => [...modelKeys.detail(id), 'version', version] as const,
  run: (runId: string) => [...modelKeys.all, 'run', runId] as const,
  runSpec: (runSpecId: string) => [...modelKeys.all, 'run-spec', runSpecId] as const,
  artifact: (runId: string, name: string) => [...modelKeys.all, 'artifact', runId, name] as const,
  datasetVersion: (id: string) => [...modelKeys.all, 'dataset-version', id] as const,
  featureSetVersion: (id: string) => [...modelKeys.all, 'feature-set-version', id] as const,
};

export const modelPath = (id: string) => `models/${encodeURIComponent(id)}`;

/** One page of a list, newest first (the API's `*Page` shape). */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

export const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });

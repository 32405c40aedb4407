/** Query keys of run specs and of the versions a run spec can pin. */
export const runSpecKeys = {
  all: ['run-specs'] as const,
  list: () => [...runSpecKeys.all, 'list'] as const,
  detail: (id: string) => [...runSpecKeys.all, 'detail', id] as const,
  readyDatasetVersions: () => ['datasets', 'ready-versions'] as const,
  publishedFeatureSetVersions: () => ['feature-sets', 'published-versions'] as const,
};

export const runSpecPath = (id: string) => `run-specs/${encodeURIComponent(id)}`;

/** One page of a list, newest first (the API's `*Page` shape). */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

export const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });

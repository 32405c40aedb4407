/** Query keys of the model registry. */
export const modelKeys = {
  all: ['models'] as const,
  list: () => [...modelKeys.all, 'list'] as const,
  detail: (id: string) => [...modelKeys.all, 'detail', id] as const,
  versions: (id: string) => [...modelKeys.detail(id), 'versions'] as const,
  version: (id: string, version: number) => [...modelKeys.detail(id), 'version', version] as const,
};

export const modelPath = (id: string) => `models/${encodeURIComponent(id)}`;

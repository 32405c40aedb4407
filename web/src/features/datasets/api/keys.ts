/** Query keys of the datasets feature: invalidating a prefix refreshes everything under it. */
export const datasetKeys = {
  all: ['datasets'] as const,
  list: () => [...datasetKeys.all, 'list'] as const,
  detail: (datasetId: string) => [...datasetKeys.all, datasetId] as const,
  versions: (datasetId: string) => [...datasetKeys.detail(datasetId), 'versions'] as const,
  version: (datasetId: string, version: number) => [...datasetKeys.versions(datasetId), version] as const,
  profile: (datasetId: string, version: number) => [...datasetKeys.version(datasetId, version), 'profile'] as const,
  download: (datasetId: string, version: number) => [...datasetKeys.version(datasetId, version), 'download'] as const,
};

export const datasetPath = (datasetId: string) => `datasets/${encodeURIComponent(datasetId)}`;
export const versionPath = (datasetId: string, version: number) => `${datasetPath(datasetId)}/versions/${version}`;

/** Query keys of the feature catalog and feature sets, so a change invalidates exactly what it touched. */
export const featureKeys = {
  all: ['features'] as const,
  list: () => [...featureKeys.all, 'list'] as const,
  detail: (id: string) => [...featureKeys.all, 'detail', id] as const,
};

export const featureSetKeys = {
  all: ['feature-sets'] as const,
  list: () => [...featureSetKeys.all, 'list'] as const,
  detail: (id: string) => [...featureSetKeys.all, 'detail', id] as const,
  versions: (id: string) => [...featureSetKeys.detail(id), 'versions'] as const,
  version: (id: string, version: number) => [...featureSetKeys.versions(id), version] as const,
};

export const featurePath = (id: string) => `features/${encodeURIComponent(id)}`;
export const featureSetPath = (id: string) => `feature-sets/${encodeURIComponent(id)}`;
export const versionsPath = (id: string) => `${featureSetPath(id)}/versions`;

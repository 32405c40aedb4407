/**
 * GET /feature-sets, then GET /feature-sets/{id}/versions?status=PUBLISHED until one holds the
 * version: where a lineage's feature-set version uuid lives.
 */
import type { FeatureSet, FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, type Page, withSignal } from './keys.ts';

export interface FoundFeatureSetVersion {
  readonly featureSet: FeatureSet;
  readonly version: FeatureSetVersion;
}

export async function findFeatureSetVersion(api: Api, id: string, signal?: AbortSignal) {
  const sets = await api.get<Page<FeatureSet>>('feature-sets?limit=200', withSignal(signal));
  for (const featureSet of sets.items) {
    const path = `feature-sets/${encodeURIComponent(featureSet.id)}/versions?status=PUBLISHED&limit=200`;
    const versions = await api.get<Page<FeatureSetVersion>>(path, withSignal(signal));
    const version = versions.items.find((v) => v.id === id);
    if (version !== undefined) return { featureSet, version };
  }
  return null;
}

export const featureSetVersionQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: modelKeys.featureSetVersion(id),
    queryFn: ({ signal }): Promise<FoundFeatureSetVersion | null> => findFeatureSetVersion(api, id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useFoundFeatureSetVersion = (id: string) => useQuery(featureSetVersionQuery(useApi(), id));

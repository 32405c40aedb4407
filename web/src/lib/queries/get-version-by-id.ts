/**
 * GET /dataset-versions/{id} or /feature-set-versions/{id}, then the parent's name: a version known
 * only by the uuid a run spec or model version pins, with what a link to its page needs. Two calls
 * per pinned version, whatever the number of datasets or feature sets.
 */
import type { Dataset, DatasetVersion, FeatureSet, FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';

/** A pinned version: where its page is and what it is called (`<parent name> v<version>`). */
export interface PinnedVersion {
  readonly href: string;
  readonly parentName: string;
  readonly version: number;
}

export async function getPinnedDatasetVersion(api: Api, id: string, signal?: AbortSignal): Promise<PinnedVersion> {
  const version = await api.get<DatasetVersion>(`dataset-versions/${encodeURIComponent(id)}`, { signal });
  const dataset = await api.get<Dataset>(`datasets/${encodeURIComponent(version.dataset_id)}`, { signal });
  return {
    href: `/datasets/${version.dataset_id}/versions/${version.version}`,
    parentName: dataset.name,
    version: version.version,
  };
}

export async function getPinnedFeatureSetVersion(api: Api, id: string, signal?: AbortSignal): Promise<PinnedVersion> {
  const version = await api.get<FeatureSetVersion>(`feature-set-versions/${encodeURIComponent(id)}`, { signal });
  const set = await api.get<FeatureSet>(`feature-sets/${encodeURIComponent(version.feature_set_id)}`, { signal });
  return {
    href: `/feature-sets/${version.feature_set_id}/versions/${version.version}`,
    parentName: set.name,
    version: version.version,
  };
}

const pinnedQuery = (
  api: Api,
  kind: 'dataset' | 'feature-set',
  id: string,
  get: (api: Api, id: string, signal?: AbortSignal) => Promise<PinnedVersion>,
) =>
  queryOptions({
    queryKey: ['pinned-versions', kind, id] as const,
    queryFn: ({ signal }) => get(api, id, signal),
    // A pinned version never changes; only its parent's name can, which a reload picks up.
    staleTime: 5 * 60_000,
  });

export const usePinnedDatasetVersion = (id: string) =>
  useQuery(pinnedQuery(useApi(), 'dataset', id, getPinnedDatasetVersion));

export const usePinnedFeatureSetVersion = (id: string) =>
  useQuery(pinnedQuery(useApi(), 'feature-set', id, getPinnedFeatureSetVersion));

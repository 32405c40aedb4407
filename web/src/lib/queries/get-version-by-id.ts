/**
 * GET /dataset-versions/{id} or /feature-set-versions/{id}, then the parent's name: a version known
 * only by the uuid a run spec or model version pins, with what a link to its page needs. Two calls
 * per pinned version, whatever the number of datasets or feature sets.
 */
import type { DatasetVersion, FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';

/** A pinned version: where its page is and what it is called (`<parent name> v<version>`). */
export interface PinnedVersion {
  readonly href: string;
  readonly parentName: string;
  readonly version: number;
}

/**
 * Reads a version by its uuid (`GET /<byId>/{id}`), then its parent (`GET /<parents>/{parent id}`)
 * for the name; the web app's page of the version sits at the API's own path.
 */
async function getPinned<V extends { readonly version: number }>(
  api: Api,
  where: { readonly byId: string; readonly parents: string; readonly parentOf: (version: V) => string },
  id: string,
  signal?: AbortSignal,
): Promise<PinnedVersion> {
  const version = await api.get<V>(`${where.byId}/${encodeURIComponent(id)}`, { signal });
  const parentId = where.parentOf(version);
  const parent = await api.get<{ name: string }>(`${where.parents}/${encodeURIComponent(parentId)}`, { signal });
  return {
    href: `/${where.parents}/${parentId}/versions/${version.version}`,
    parentName: parent.name,
    version: version.version,
  };
}

const getPinnedDatasetVersion = (api: Api, id: string, signal?: AbortSignal) =>
  getPinned<DatasetVersion>(
    api,
    { byId: 'dataset-versions', parents: 'datasets', parentOf: (v) => v.dataset_id },
    id,
    signal,
  );

const getPinnedFeatureSetVersion = (api: Api, id: string, signal?: AbortSignal) =>
  getPinned<FeatureSetVersion>(
    api,
    { byId: 'feature-set-versions', parents: 'feature-sets', parentOf: (v) => v.feature_set_id },
    id,
    signal,
  );

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

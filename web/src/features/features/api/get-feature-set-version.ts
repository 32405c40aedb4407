/** GET /feature-sets/{id}/versions/{version}: one version, DRAFT (with a row version) or PUBLISHED. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const getFeatureSetVersion = (api: Api, id: string, version: number, signal?: AbortSignal) =>
  api.get<FeatureSetVersion>(`${versionsPath(id)}/${version}`, { signal });

export const featureSetVersionQuery = (api: Api, id: string, version: number) =>
  queryOptions({
    queryKey: featureSetKeys.version(id, version),
    queryFn: ({ signal }) => getFeatureSetVersion(api, id, version, signal),
  });

export const useFeatureSetVersion = (id: string, version: number) =>
  useQuery(featureSetVersionQuery(useApi(), id, version));

/**
 * A version the page's version list already holds is taken from it (no request); one past the list
 * is read. Waits for the list; `version` undefined (not chosen yet) reads nothing.
 */
export function useListedFeatureSetVersion(
  id: string,
  version: number | undefined,
  list: UseQueryResult<Page<FeatureSetVersion>>,
) {
  return useQuery({
    ...featureSetVersionQuery(useApi(), id, version ?? 0),
    enabled: version !== undefined && !list.isPending,
    initialData: () => list.data?.items.find((v) => v.version === version),
    initialDataUpdatedAt: list.dataUpdatedAt,
    // Taken from the list as of the list's read, and not read again for 30 s after it.
    staleTime: 30_000,
  });
}

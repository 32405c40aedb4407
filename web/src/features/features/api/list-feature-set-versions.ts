/** GET /feature-sets/{id}/versions: a feature set's versions, newest first (up to 200). */
import type { FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const listFeatureSetVersions = (api: Api, id: string, signal?: AbortSignal) =>
  api.get<Page<FeatureSetVersion>>(`${versionsPath(id)}?limit=200`, { signal });

export const featureSetVersionsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: featureSetKeys.versions(id),
    queryFn: ({ signal }) => listFeatureSetVersions(api, id, signal),
  });

export const useFeatureSetVersions = (id: string) => useQuery(featureSetVersionsQuery(useApi(), id));

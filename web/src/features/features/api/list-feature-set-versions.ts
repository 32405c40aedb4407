/** GET /feature-sets/{id}/versions: a feature set's versions, newest first, all of them. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const listFeatureSetVersions = (api: Api, id: string, signal?: AbortSignal) =>
  allPages<FeatureSetVersion>(api, versionsPath(id), signal);

export const featureSetVersionsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: featureSetKeys.versions(id),
    queryFn: ({ signal }) => listFeatureSetVersions(api, id, signal),
  });

export const useFeatureSetVersions = (id: string) => useQuery(featureSetVersionsQuery(useApi(), id));

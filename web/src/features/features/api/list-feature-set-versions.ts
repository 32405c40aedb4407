/** GET /feature-sets/{id}/versions: a feature set's versions, newest first (up to 200). */
import type { FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export interface FeatureSetVersionPage {
  readonly items: FeatureSetVersion[];
  readonly next_cursor: string | null;
}

export const listFeatureSetVersions = (api: Api, id: string, signal?: AbortSignal) =>
  api.get<FeatureSetVersionPage>(`${versionsPath(id)}?limit=200`, signal === undefined ? {} : { signal });

export const featureSetVersionsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: featureSetKeys.versions(id),
    queryFn: ({ signal }) => listFeatureSetVersions(api, id, signal),
  });

export const useFeatureSetVersions = (id: string) => useQuery(featureSetVersionsQuery(useApi(), id));

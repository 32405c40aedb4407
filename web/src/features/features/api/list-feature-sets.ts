/** GET /feature-sets: feature sets, newest first, all of them, page after page. */
import type { FeatureSet } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { featureSetKeys } from './keys.ts';

export const listFeatureSets = (api: Api, signal?: AbortSignal) => allPages<FeatureSet>(api, 'feature-sets', signal);

export const featureSetsQuery = (api: Api) =>
  queryOptions({ queryKey: featureSetKeys.list(), queryFn: ({ signal }) => listFeatureSets(api, signal) });

export const useFeatureSets = () => useQuery(featureSetsQuery(useApi()));

/** GET /feature-sets: feature sets, newest first (one page of up to 200). */
import type { FeatureSet } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { featureSetKeys } from './keys.ts';

export const listFeatureSets = (api: Api, signal?: AbortSignal) =>
  api.get<Page<FeatureSet>>('feature-sets?limit=200', { signal });

export const featureSetsQuery = (api: Api) =>
  queryOptions({ queryKey: featureSetKeys.list(), queryFn: ({ signal }) => listFeatureSets(api, signal) });

export const useFeatureSets = () => useQuery(featureSetsQuery(useApi()));

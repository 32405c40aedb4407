/** GET /feature-sets/{id}: one feature set. */
import type { FeatureSet } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureSetKeys, featureSetPath } from './keys.ts';

export const getFeatureSet = (api: Api, id: string, signal?: AbortSignal) =>
  api.get<FeatureSet>(featureSetPath(id), { signal });

export const featureSetQuery = (api: Api, id: string) =>
  queryOptions({ queryKey: featureSetKeys.detail(id), queryFn: ({ signal }) => getFeatureSet(api, id, signal) });

export const useFeatureSet = (id: string) => useQuery(featureSetQuery(useApi(), id));

/** GET /features/{id}: one catalog feature with its row version. */
import type { Feature } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureKeys, featurePath } from './keys.ts';

export const getFeature = (api: Api, id: string, signal?: AbortSignal) => api.get<Feature>(featurePath(id), { signal });

export const featureQuery = (api: Api, id: string) =>
  queryOptions({ queryKey: featureKeys.detail(id), queryFn: ({ signal }) => getFeature(api, id, signal) });

export const useFeature = (id: string) => useQuery(featureQuery(useApi(), id));

/** GET /features: the catalog, newest first (one page of up to 200). */
import type { Feature } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { featureKeys } from './keys.ts';

export const listFeatures = (api: Api, signal?: AbortSignal) =>
  api.get<Page<Feature>>('features?limit=200', { signal });

export const featuresQuery = (api: Api) =>
  queryOptions({ queryKey: featureKeys.list(), queryFn: ({ signal }) => listFeatures(api, signal) });

export const useFeatures = () => useQuery(featuresQuery(useApi()));

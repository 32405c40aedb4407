/** GET /features: the whole catalog, newest first, page after page. */
import type { Feature } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { featureKeys } from './keys.ts';

export const listFeatures = (api: Api, signal?: AbortSignal) => allPages<Feature>(api, 'features', signal);

export const featuresQuery = (api: Api) =>
  queryOptions({ queryKey: featureKeys.list(), queryFn: ({ signal }) => listFeatures(api, signal) });

export const useFeatures = () => useQuery(featuresQuery(useApi()));

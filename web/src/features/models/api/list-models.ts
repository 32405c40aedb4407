/** GET /models: the registry's models, newest first, all of them, page after page. */
import type { Model } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { modelKeys } from './keys.ts';

export const listModels = (api: Api, signal?: AbortSignal) => allPages<Model>(api, 'models', signal);

export const modelsQuery = (api: Api) =>
  queryOptions({ queryKey: modelKeys.list(), queryFn: ({ signal }) => listModels(api, signal) });

export const useModels = () => useQuery(modelsQuery(useApi()));

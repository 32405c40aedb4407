/** GET /models: the registry's models, newest first (one page of up to 200). */
import type { Model } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { modelKeys } from './keys.ts';

export const listModels = (api: Api, signal?: AbortSignal) => api.get<Page<Model>>('models?limit=200', { signal });

export const modelsQuery = (api: Api) =>
  queryOptions({ queryKey: modelKeys.list(), queryFn: ({ signal }) => listModels(api, signal) });

export const useModels = () => useQuery(modelsQuery(useApi()));

/** GET /models/{id}: one model of the registry. */
import type { Model } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, modelPath } from './keys.ts';

export const getModel = (api: Api, id: string, signal?: AbortSignal) => api.get<Model>(modelPath(id), { signal });

export const modelQuery = (api: Api, id: string) =>
  queryOptions({ queryKey: modelKeys.detail(id), queryFn: ({ signal }) => getModel(api, id, signal) });

export const useModel = (id: string) => useQuery(modelQuery(useApi(), id));

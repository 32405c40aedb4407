/** GET /models/{id}/versions/{version}: one registered model version with its lineage and metrics. */
import type { ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, modelPath } from './keys.ts';

export const getModelVersion = (api: Api, id: string, version: number, signal?: AbortSignal) =>
  api.get<ModelVersion>(`${modelPath(id)}/versions/${version}`, { signal });

export const modelVersionQuery = (api: Api, id: string, version: number) =>
  queryOptions({
    queryKey: modelKeys.version(id, version),
    queryFn: ({ signal }) => getModelVersion(api, id, version, signal),
  });

export const useModelVersion = (id: string, version: number) => useQuery(modelVersionQuery(useApi(), id, version));

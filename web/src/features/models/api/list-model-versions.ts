/** GET /models/{id}/versions: a model's versions, newest first (`limit` 1 reads the latest). */
import type { ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { modelKeys, modelPath } from './keys.ts';

export const listModelVersions = (api: Api, id: string, limit: number, signal?: AbortSignal) =>
  api.get<Page<ModelVersion>>(`${modelPath(id)}/versions?limit=${limit}`, { signal });

export const modelVersionsQuery = (api: Api, id: string, limit = 200) =>
  queryOptions({
    queryKey: modelKeys.versions(id, limit),
    queryFn: ({ signal }) => listModelVersions(api, id, limit, signal),
  });

export const useModelVersions = (id: string, limit = 200) => useQuery(modelVersionsQuery(useApi(), id, limit));

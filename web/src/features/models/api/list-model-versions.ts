/** GET /models/{id}/versions: a model's newest 200 versions, newest first. */
import type { ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { modelKeys, modelPath } from './keys.ts';

const LIMIT = 200;

export const listModelVersions = (api: Api, id: string, signal?: AbortSignal) =>
  api.get<Page<ModelVersion>>(`${modelPath(id)}/versions?limit=${LIMIT}`, { signal });

export const modelVersionsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: modelKeys.versions(id),
    queryFn: ({ signal }) => listModelVersions(api, id, signal),
  });

export const useModelVersions = (id: string) => useQuery(modelVersionsQuery(useApi(), id));

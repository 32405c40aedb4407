/** GET /models/{id}/versions: all of a model's versions, newest first. */
import type { ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { modelKeys, modelPath } from './keys.ts';

export const listModelVersions = (api: Api, id: string, signal?: AbortSignal) =>
  allPages<ModelVersion>(api, `${modelPath(id)}/versions`, signal);

export const modelVersionsQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: modelKeys.versions(id),
    queryFn: ({ signal }) => listModelVersions(api, id, signal),
  });

export const useModelVersions = (id: string) => useQuery(modelVersionsQuery(useApi(), id));

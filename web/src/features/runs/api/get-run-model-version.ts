/**
 * GET /model-versions/{id}: where a run's registered model version (its `model_version_id`) lives
 * in the registry's URLs, model id and version number, in one call.
 */
import type { ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runKeys } from './keys.ts';

export const getModelVersionById = (api: Api, modelVersionId: string, signal?: AbortSignal): Promise<ModelVersion> =>
  api.get(`model-versions/${encodeURIComponent(modelVersionId)}`, { signal });

export const runModelVersionQuery = (api: Api, runId: string, modelVersionId: string) =>
  queryOptions({
    queryKey: [...runKeys.modelVersion(runId), modelVersionId],
    queryFn: ({ signal }) => getModelVersionById(api, modelVersionId, signal),
    // Lineage never changes; stage and aliases are not shown here.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The run's model version, once the run SUCCEEDED and registered one (`null` otherwise: nothing to read). */
export const useRunModelVersion = (runId: string, modelVersionId: string | null) =>
  useQuery({ ...runModelVersionQuery(useApi(), runId, modelVersionId ?? ''), enabled: modelVersionId !== null });

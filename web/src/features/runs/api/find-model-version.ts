/**
 * Where a run's registered model version lives in the registry's URLs (model id and version
 * number): GET /models?name_prefix=<the run spec's model name>, then that model's versions
 * (GET /models/{id}/versions), matched by the run's model_version_id.
 */
import type { Model, ModelVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runKeys } from './keys.ts';

export interface ModelVersionRef {
  readonly modelId: string;
  readonly modelName: string;
  readonly version: number;
}

export async function findModelVersion(
  api: Api,
  modelName: string,
  modelVersionId: string,
  signal?: AbortSignal,
): Promise<ModelVersionRef | null> {
  const models = await api.get<{ items: Model[] }>(
    `models?${new URLSearchParams({ name_prefix: modelName, limit: '200' })}`,
    { signal },
  );
  const model = models.items.find((m) => m.name === modelName);
  if (model === undefined) return null;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor === null ? {} : { cursor }) });
    const page: { items: ModelVersion[]; next_cursor: string | null } = await api.get(
      `models/${encodeURIComponent(model.id)}/versions?${query}`,
      { signal },
    );
    const found = page.items.find((v) => v.id === modelVersionId);
    if (found !== undefined) return { modelId: model.id, modelName: model.name, version: found.version };
    cursor = page.next_cursor;
  } while (cursor !== null);
  return null;
}

export const modelVersionQuery = (api: Api, runId: string, modelName: string, modelVersionId: string) =>
  queryOptions({
    queryKey: [...runKeys.modelVersion(runId), modelVersionId],
    queryFn: ({ signal }) => findModelVersion(api, modelName, modelVersionId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useModelVersionRef = (runId: string, modelName: string | undefined, modelVersionId: string | null) =>
  useQuery({
    ...modelVersionQuery(useApi(), runId, modelName ?? '', modelVersionId ?? ''),
    enabled: modelName !== undefined && modelVersionId !== null,
  });

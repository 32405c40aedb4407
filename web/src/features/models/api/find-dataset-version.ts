/**
 * GET /datasets, then GET /datasets/{id}/versions?status=READY until one holds the version: where a
 * lineage's dataset version uuid lives (the API addresses versions by dataset and number only).
 */
import type { Dataset, DatasetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, type Page, withSignal } from './keys.ts';

export interface FoundDatasetVersion {
  readonly dataset: Dataset;
  readonly version: DatasetVersion;
}

export async function findDatasetVersion(api: Api, id: string, signal?: AbortSignal) {
  const datasets = await api.get<Page<Dataset>>('datasets?limit=200', withSignal(signal));
  for (const dataset of datasets.items) {
    const path = `datasets/${encodeURIComponent(dataset.id)}/versions?status=READY&limit=200`;
    const versions = await api.get<Page<DatasetVersion>>(path, withSignal(signal));
    const version = versions.items.find((v) => v.id === id);
    if (version !== undefined) return { dataset, version };
  }
  return null;
}

export const datasetVersionQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: modelKeys.datasetVersion(id),
    queryFn: ({ signal }): Promise<FoundDatasetVersion | null> => findDatasetVersion(api, id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useFoundDatasetVersion = (id: string) => useQuery(datasetVersionQuery(useApi(), id));

/**
 * GET /datasets/{id}/versions: a dataset's versions, newest first. Polled while one is still on
 * its way (uploading or profiling), so statuses move on screen without a reload.
 */
import type { DatasetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { datasetKeys, datasetPath } from './keys.ts';

/** The newest 100 versions: more than a dataset gathers in practice. */
const DEFAULT_LIMIT = 100;

/** Every second while one is profiling; every 10 s while one only waits for its upload. */
export function pollInterval(versions: readonly Pick<DatasetVersion, 'status'>[] | undefined): number | false {
  if (versions?.some((v) => v.status === 'PROFILING')) return 1000;
  if (versions?.some((v) => v.status === 'PENDING_UPLOAD')) return 10_000;
  return false;
}

export function listDatasetVersions(
  api: Api,
  datasetId: string,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<DatasetVersion>> {
  return api.get(`${datasetPath(datasetId)}/versions?limit=${limit}`, { signal });
}

export const datasetVersionsQuery = (api: Api, datasetId: string) =>
  queryOptions({
    queryKey: [...datasetKeys.versions(datasetId), { limit: DEFAULT_LIMIT }],
    queryFn: ({ signal }) => listDatasetVersions(api, datasetId, DEFAULT_LIMIT, signal),
    refetchInterval: (query) => pollInterval(query.state.data?.items),
  });

export const useDatasetVersions = (datasetId: string) => useQuery(datasetVersionsQuery(useApi(), datasetId));

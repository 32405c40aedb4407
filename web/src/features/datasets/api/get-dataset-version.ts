/** GET /datasets/{id}/versions/{version}: one version, polled until it is READY or FAILED. */
import type { DatasetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys, versionPath } from './keys.ts';
import { pollInterval } from './list-dataset-versions.ts';

export const getDatasetVersion = (
  api: Api,
  datasetId: string,
  version: number,
  signal?: AbortSignal,
): Promise<DatasetVersion> => api.get(versionPath(datasetId, version), { signal });

export const datasetVersionQuery = (api: Api, datasetId: string, version: number) =>
  queryOptions({
    queryKey: datasetKeys.version(datasetId, version),
    queryFn: ({ signal }) => getDatasetVersion(api, datasetId, version, signal),
    refetchInterval: (query) => pollInterval(query.state.data === undefined ? undefined : [query.state.data]),
  });

export const useDatasetVersion = (datasetId: string, version: number, enabled = true) =>
  useQuery({ ...datasetVersionQuery(useApi(), datasetId, version), enabled });

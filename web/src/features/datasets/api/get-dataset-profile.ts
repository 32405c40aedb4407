/** GET /datasets/{id}/versions/{version}/profile: what profiling found (only a READY version has one). */
import type { DatasetProfile } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys, versionPath } from './keys.ts';

export const getDatasetProfile = (
  api: Api,
  datasetId: string,
  version: number,
  signal?: AbortSignal,
): Promise<DatasetProfile> => api.get(`${versionPath(datasetId, version)}/profile`, { signal });

export const datasetProfileQuery = (api: Api, datasetId: string, version: number) =>
  queryOptions({
    queryKey: datasetKeys.profile(datasetId, version),
    queryFn: ({ signal }) => getDatasetProfile(api, datasetId, version, signal),
    // A READY version never changes, nor does its profile.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useDatasetProfile = (datasetId: string, version: number, enabled: boolean) =>
  useQuery({ ...datasetProfileQuery(useApi(), datasetId, version), enabled });

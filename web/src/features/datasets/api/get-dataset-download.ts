/**
 * GET /datasets/{id}/versions/{version}/download: a presigned link to a READY version's bytes. The
 * link lives 15 minutes, so it is asked for again well before it expires.
 */
import type { DatasetDownload } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys, versionPath } from './keys.ts';

export type Download = z.output<typeof DatasetDownload>;

const FIVE_MINUTES = 5 * 60_000;

export const getDatasetDownload = (
  api: Api,
  datasetId: string,
  version: number,
  signal?: AbortSignal,
): Promise<Download> => api.get(`${versionPath(datasetId, version)}/download`, { signal });

export const datasetDownloadQuery = (api: Api, datasetId: string, version: number) =>
  queryOptions({
    queryKey: datasetKeys.download(datasetId, version),
    queryFn: ({ signal }) => getDatasetDownload(api, datasetId, version, signal),
    staleTime: FIVE_MINUTES,
    refetchInterval: 2 * FIVE_MINUTES,
  });

export const useDatasetDownload = (datasetId: string, version: number, enabled: boolean) =>
  useQuery({ ...datasetDownloadQuery(useApi(), datasetId, version), enabled });

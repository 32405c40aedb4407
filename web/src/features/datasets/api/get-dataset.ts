/** GET /datasets/{id}: one dataset, with the row version its edits are based on. */
import type { Dataset } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys, datasetPath } from './keys.ts';

export const getDataset = (api: Api, datasetId: string, signal?: AbortSignal): Promise<Dataset> =>
  api.get(datasetPath(datasetId), { signal });

export const datasetQuery = (api: Api, datasetId: string) =>
  queryOptions({
    queryKey: datasetKeys.detail(datasetId),
    queryFn: ({ signal }) => getDataset(api, datasetId, signal),
  });

export const useDataset = (datasetId: string) => useQuery(datasetQuery(useApi(), datasetId));

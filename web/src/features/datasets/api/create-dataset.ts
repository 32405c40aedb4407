/** POST /datasets: a new dataset (a unique name, a description, tags). */
import type { Dataset, NamedEntityCreate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { datasetKeys } from './keys.ts';

export type DatasetCreate = z.input<typeof NamedEntityCreate>;

export const createDataset = (api: Api, body: DatasetCreate): Promise<Dataset> => api.post('datasets', body);

export function useCreateDataset() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DatasetCreate) => createDataset(api, body),
    onSuccess: (dataset) => {
      queryClient.setQueryData(datasetKeys.detail(dataset.id), dataset);
      void queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
    },
  });
}

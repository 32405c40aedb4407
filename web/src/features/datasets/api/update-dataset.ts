/** PATCH /datasets/{id}: renames or re-describes a dataset, based on the row version that was read (If-Match). */
import type { Dataset, NamedEntityUpdate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import { type Api, ApiError, ifMatch } from '../../../lib/api.ts';
import { datasetKeys, datasetPath } from './keys.ts';

export type DatasetChanges = Omit<z.input<typeof NamedEntityUpdate>, 'row_version'>;

export const updateDataset = (api: Api, dataset: Dataset, changes: DatasetChanges): Promise<Dataset> =>
  api.patch(datasetPath(dataset.id), changes, ifMatch(dataset.row_version));

export function useUpdateDataset(dataset: Dataset) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: DatasetChanges) => updateDataset(api, dataset, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(datasetKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
    },
    // Someone changed it meanwhile (412): read it again, so the next save is based on their change.
    onError: (error) =>
      error instanceof ApiError && error.status === 412
        ? queryClient.invalidateQueries({ queryKey: datasetKeys.detail(dataset.id), exact: true })
        : undefined,
  });
}

/** PATCH /features/{id} with If-Match: changes a catalog feature based on the row version it was read at. */
import type { Feature } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, ifMatch } from '../../../lib/api.ts';
import type { FeatureInput } from './create-feature.ts';
import { featureKeys, featurePath } from './keys.ts';

export const updateFeature = (api: Api, id: string, rowVersion: number, changes: Partial<FeatureInput>) =>
  api.patch<Feature>(featurePath(id), changes, ifMatch(rowVersion));

export function useUpdateFeature(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: { rowVersion: number; changes: Partial<FeatureInput> }) =>
      updateFeature(api, id, args.rowVersion, args.changes),
    onSuccess: (feature) => {
      client.setQueryData(featureKeys.detail(id), feature);
      return client.invalidateQueries({ queryKey: featureKeys.list() });
    },
  });
}

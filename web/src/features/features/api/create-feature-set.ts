/** POST /feature-sets: a new, empty feature set with a unique name. */
import type { FeatureSet, NamedEntityCreate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureSetKeys } from './keys.ts';

export type FeatureSetInput = z.input<typeof NamedEntityCreate>;

export const createFeatureSet = (api: Api, body: FeatureSetInput) => api.post<FeatureSet>('feature-sets', body);

export function useCreateFeatureSet() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FeatureSetInput) => createFeatureSet(api, body),
    onSuccess: (set) => {
      client.setQueryData(featureSetKeys.detail(set.id), set);
      return client.invalidateQueries({ queryKey: featureSetKeys.list() });
    },
  });
}

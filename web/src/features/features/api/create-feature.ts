/** POST /features: adds a feature to the catalog (a taken name answers 409 on `name`). */
import type { Feature, FeatureCreate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureKeys } from './keys.ts';

export type FeatureInput = z.input<typeof FeatureCreate>;

export const createFeature = (api: Api, body: FeatureInput) => api.post<Feature>('features', body);

export function useCreateFeature() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FeatureInput) => createFeature(api, body),
    onSuccess: (feature) => {
      client.setQueryData(featureKeys.detail(feature.id), feature);
      return client.invalidateQueries({ queryKey: featureKeys.list() });
    },
  });
}

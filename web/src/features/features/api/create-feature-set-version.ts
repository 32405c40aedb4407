/** POST /feature-sets/{id}/versions: starts a DRAFT version with the given content. */
import type { FeatureSetVersion, FeatureSetVersionCreate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export type VersionContent = z.input<typeof FeatureSetVersionCreate>;

export const createFeatureSetVersion = (api: Api, id: string, body: VersionContent) =>
  api.post<FeatureSetVersion>(versionsPath(id), body);

export function useCreateFeatureSetVersion(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: VersionContent) => createFeatureSetVersion(api, id, body),
    onSuccess: (created) => {
      client.setQueryData(featureSetKeys.version(id, created.version), created);
      return client.invalidateQueries({ queryKey: featureSetKeys.versions(id), exact: true });
    },
  });
}

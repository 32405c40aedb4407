/** POST /feature-sets/{id}/versions/{version}/publish with If-Match: freezes a DRAFT for good. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, ifMatch } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const publishFeatureSetVersion = (api: Api, id: string, version: number, rowVersion: number) =>
  api.post<FeatureSetVersion>(`${versionsPath(id)}/${version}/publish`, {}, ifMatch(rowVersion));

export function usePublishFeatureSetVersion(id: string, version: number) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rowVersion: number) => publishFeatureSetVersion(api, id, version, rowVersion),
    onSuccess: (published) => {
      client.setQueryData(featureSetKeys.version(id, version), published);
      return client.invalidateQueries({ queryKey: featureSetKeys.versions(id), exact: true });
    },
  });
}

/** PATCH /feature-sets/{id}/versions/{version} with If-Match: changes a DRAFT version. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, ifMatch } from '../../../lib/api.ts';
import type { VersionContent } from './create-feature-set-version.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const updateFeatureSetVersion = (
  api: Api,
  id: string,
  version: number,
  rowVersion: number,
  changes: Partial<VersionContent>,
) => api.patch<FeatureSetVersion>(`${versionsPath(id)}/${version}`, changes, ifMatch(rowVersion));

export function useUpdateFeatureSetVersion(id: string, version: number) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: { rowVersion: number; changes: Partial<VersionContent> }) =>
      updateFeatureSetVersion(api, id, version, args.rowVersion, args.changes),
    onSuccess: (updated) => {
      client.setQueryData(featureSetKeys.version(id, version), updated);
      return client.invalidateQueries({ queryKey: featureSetKeys.versions(id), exact: true });
    },
  });
}

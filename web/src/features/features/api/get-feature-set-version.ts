/** GET /feature-sets/{id}/versions/{version}: one version, DRAFT (with a row version) or PUBLISHED. */
import type { FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { featureSetKeys, versionsPath } from './keys.ts';

export const getFeatureSetVersion = (api: Api, id: string, version: number, signal?: AbortSignal) =>
  api.get<FeatureSetVersion>(`${versionsPath(id)}/${version}`, { signal });

export const featureSetVersionQuery = (api: Api, id: string, version: number) =>
  queryOptions({
    queryKey: featureSetKeys.version(id, version),
    queryFn: ({ signal }) => getFeatureSetVersion(api, id, version, signal),
  });

/** `enabled: false` while the version number is not known yet (e.g. a compare page without ?a=). */
export const useFeatureSetVersion = (id: string, version: number, enabled = true) =>
  useQuery({ ...featureSetVersionQuery(useApi(), id, version), enabled });

/**
 * GET /feature-sets, then GET /feature-sets/{id}/versions?status=PUBLISHED for each that may have one: the feature-set
 * versions a run spec may pin, with their set's name.
 */
import type { FeatureSet, FeatureSetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import { type Api, allPages } from '../api.ts';

export interface FeatureSetVersionChoice {
  readonly id: string;
  readonly featureSetId: string;
  readonly featureSetName: string;
  readonly version: number;
  readonly featureCount: number;
  readonly target: string;
}

export async function listPublishedFeatureSetVersions(
  api: Api,
  signal?: AbortSignal,
): Promise<FeatureSetVersionChoice[]> {
  const sets = await allPages<FeatureSet>(api, 'feature-sets', signal);
  const perSet = await Promise.all(
    // A set with no version, or only a first one still in draft, has nothing to offer; it is not asked.
    sets.items
      .filter(
        (set) =>
          set.latest_version !== null && (set.latest_version.version > 1 || set.latest_version.status === 'PUBLISHED'),
      )
      .map(async (set) => {
        const versions = await allPages<FeatureSetVersion>(
          api,
          `feature-sets/${encodeURIComponent(set.id)}/versions?status=PUBLISHED`,
          signal,
        );
        return versions.items.map((v) => ({
          id: v.id,
          featureSetId: set.id,
          featureSetName: set.name,
          version: v.version,
          featureCount: v.features.length,
          target: v.target.column,
        }));
      }),
  );
  return perSet.flat();
}

export const publishedFeatureSetVersionsQuery = (api: Api) =>
  queryOptions({
    queryKey: ['feature-sets', 'published-versions'] as const,
    queryFn: ({ signal }) => listPublishedFeatureSetVersions(api, signal),
  });

export const usePublishedFeatureSetVersions = () => useQuery(publishedFeatureSetVersionsQuery(useApi()));

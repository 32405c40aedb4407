/**
 * GET /datasets, then GET /datasets/{id}/versions?status=READY for each that has versions: the dataset versions a run
 * spec may pin, with their dataset's name.
 */
import type { Dataset, DatasetVersion } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import { type Api, allPages } from '../api.ts';

export interface DatasetVersionChoice {
  readonly id: string;
  readonly datasetId: string;
  readonly datasetName: string;
  readonly version: number;
  readonly rowCount: number | null;
  readonly sha256: string | null;
  readonly createdAt: string;
}

export async function listReadyDatasetVersions(api: Api, signal?: AbortSignal): Promise<DatasetVersionChoice[]> {
  const datasets = await allPages<Dataset>(api, 'datasets', signal);
  const perDataset = await Promise.all(
    // A dataset without versions has none to offer; it is not asked.
    datasets.items
      .filter((dataset) => dataset.latest_version !== null)
      .map(async (dataset) => {
        const versions = await allPages<DatasetVersion>(
          api,
          `datasets/${encodeURIComponent(dataset.id)}/versions?status=READY`,
          signal,
        );
        return versions.items.map((v) => ({
          id: v.id,
          datasetId: dataset.id,
          datasetName: dataset.name,
          version: v.version,
          rowCount: v.row_count,
          sha256: v.sha256,
          createdAt: v.created_at,
        }));
      }),
  );
  return perDataset.flat();
}

export const readyDatasetVersionsQuery = (api: Api) =>
  queryOptions({
    queryKey: ['datasets', 'ready-versions'] as const,
    queryFn: ({ signal }) => listReadyDatasetVersions(api, signal),
  });

export const useReadyDatasetVersions = () => useQuery(readyDatasetVersionsQuery(useApi()));

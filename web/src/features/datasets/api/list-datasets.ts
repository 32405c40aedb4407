/**
 * GET /datasets: the datasets, newest first, a page at a time, each with its newest version's
 * status. Polled while one of those is on its way (uploading or profiling).
 */
import type { Dataset } from '@talaty/schemas';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { datasetKeys } from './keys.ts';
import { pollInterval } from './list-dataset-versions.ts';

const PAGE_SIZE = 50;

export function listDatasets(api: Api, cursor: string | null, signal?: AbortSignal): Promise<Page<Dataset>> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor !== null) query.set('cursor', cursor);
  return api.get(`datasets?${query}`, { signal });
}

export const datasetsQuery = (api: Api) =>
  infiniteQueryOptions({
    queryKey: datasetKeys.list(),
    queryFn: ({ pageParam, signal }) => listDatasets(api, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: (query) =>
      pollInterval(query.state.data?.pages.flatMap((page) => page.items.flatMap((d) => d.latest_version ?? []))),
  });

export const useDatasets = () => useInfiniteQuery(datasetsQuery(useApi()));

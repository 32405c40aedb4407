/**
 * GET /runs: runs newest first, a page at a time, optionally of one status. The list asks again
 * every two seconds while any run on it is QUEUED or RUNNING.
 */
import type { Run } from '@talaty/schemas';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { isActive, LIVE_INTERVAL_MS, type RunStatus } from '../../../lib/run-status.ts';
import { runKeys } from './keys.ts';

export interface RunFilters {
  readonly status?: RunStatus | undefined;
  readonly run_spec_id?: string | undefined;
}

export function listRuns(api: Api, filters: RunFilters, cursor?: string, signal?: AbortSignal): Promise<Page<Run>> {
  const query = new URLSearchParams({ limit: '50' });
  if (filters.status !== undefined) query.set('status', filters.status);
  if (filters.run_spec_id !== undefined) query.set('run_spec_id', filters.run_spec_id);
  if (cursor !== undefined) query.set('cursor', cursor);
  return api.get(`runs?${query}`, { signal });
}

export const runsQuery = (api: Api, filters: RunFilters) =>
  infiniteQueryOptions({
    queryKey: runKeys.list({ status: filters.status, run_spec_id: filters.run_spec_id }),
    queryFn: ({ pageParam, signal }) => listRuns(api, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: Page<Run>) => page.next_cursor ?? undefined,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((run) => isActive(run.status))) ? LIVE_INTERVAL_MS : false,
  });

export const useRuns = (filters: RunFilters) => useInfiniteQuery(runsQuery(useApi(), filters));

/** GET /runs/{id}: one run, asked for again every two seconds while it is QUEUED or RUNNING. */
import type { Run } from '@talaty/schemas';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';
import { isActive, LIVE_INTERVAL_MS } from '../run-status.ts';

/** The key of one run; the runs feature keeps its events, artifacts and metrics under it. */
export const runKey = (runId: string) => ['runs', 'detail', runId] as const;

export const runPath = (runId: string) => `runs/${encodeURIComponent(runId)}`;

export const getRun = (api: Api, runId: string, signal?: AbortSignal): Promise<Run> =>
  api.get(runPath(runId), { signal });

export const runQuery = (api: Api, runId: string) =>
  queryOptions({
    queryKey: runKey(runId),
    queryFn: ({ signal }) => getRun(api, runId, signal),
    staleTime: 0,
    refetchInterval: (query) => {
      const run = query.state.data;
      return run !== undefined && isActive(run.status) ? LIVE_INTERVAL_MS : false;
    },
  });

export const useRun = (runId: string) => useQuery(runQuery(useApi(), runId));

/** Several runs at once (the compare page), each polled while active. */
export function useRunList(runIds: readonly string[]) {
  const api = useApi();
  return useQueries({ queries: runIds.map((id) => runQuery(api, id)) });
}

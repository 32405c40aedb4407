/** GET /runs/{id}: one run, asked for again every two seconds while it is QUEUED or RUNNING. */
import type { Run } from '@talaty/schemas';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { isActive, LIVE_INTERVAL_MS } from '../run-state.ts';
import { runKeys, runPath, withSignal } from './keys.ts';

export const getRun = (api: Api, runId: string, signal?: AbortSignal): Promise<Run> =>
  api.get(runPath(runId), withSignal(signal));

export const runQuery = (api: Api, runId: string) =>
  queryOptions({
    queryKey: runKeys.detail(runId),
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

/** GET /run-specs/{id}: the run spec a run executed (its name, parameters and policies). */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runKeys, withSignal } from './keys.ts';

export const getRunSpec = (api: Api, runSpecId: string, signal?: AbortSignal): Promise<RunSpec> =>
  api.get(`run-specs/${encodeURIComponent(runSpecId)}`, withSignal(signal));

export const runSpecQuery = (api: Api, runSpecId: string) =>
  queryOptions({
    queryKey: runKeys.runSpec(runSpecId),
    queryFn: ({ signal }) => getRunSpec(api, runSpecId, signal),
    // Run specs are immutable.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRunSpec = (runSpecId: string | undefined) =>
  useQuery({ ...runSpecQuery(useApi(), runSpecId ?? ''), enabled: runSpecId !== undefined });

/** Several run specs (the list's names, the compare page's parameters). */
export function useRunSpecList(runSpecIds: readonly string[]) {
  const api = useApi();
  return useQueries({ queries: runSpecIds.map((id) => runSpecQuery(api, id)) });
}

/** GET /run-specs/{id}: the run spec a run executed (its name, parameters and policies). */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/context.tsx';
import type { Api } from '../api.ts';

/** The key of one run spec; the run-specs feature's keys (its list) share the `run-specs` prefix. */
export const runSpecKey = (runSpecId: string) => ['run-specs', 'detail', runSpecId] as const;

export const runSpecPath = (runSpecId: string) => `run-specs/${encodeURIComponent(runSpecId)}`;

export const getRunSpec = (api: Api, runSpecId: string, signal?: AbortSignal): Promise<RunSpec> =>
  api.get(runSpecPath(runSpecId), { signal });

export const runSpecQuery = (api: Api, runSpecId: string) =>
  queryOptions({
    queryKey: runSpecKey(runSpecId),
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

/** GET /run-specs/{id}: the run spec behind a model version (its name and parameters; immutable). */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, withSignal } from './keys.ts';

export const getRunSpec = (api: Api, runSpecId: string, signal?: AbortSignal) =>
  api.get<RunSpec>(`run-specs/${encodeURIComponent(runSpecId)}`, withSignal(signal));

export const runSpecQuery = (api: Api, runSpecId: string) =>
  queryOptions({
    queryKey: modelKeys.runSpec(runSpecId),
    queryFn: ({ signal }) => getRunSpec(api, runSpecId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRunSpec = (runSpecId: string) => useQuery(runSpecQuery(useApi(), runSpecId));

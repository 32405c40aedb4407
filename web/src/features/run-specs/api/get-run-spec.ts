/** GET /run-specs/{id}: one run spec (immutable, so it is never refetched once read). */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runSpecKeys, runSpecPath, withSignal } from './keys.ts';

export const getRunSpec = (api: Api, id: string, signal?: AbortSignal) =>
  api.get<RunSpec>(runSpecPath(id), withSignal(signal));

export const runSpecQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: runSpecKeys.detail(id),
    queryFn: ({ signal }) => getRunSpec(api, id, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRunSpec = (id: string | undefined) =>
  useQuery({ ...runSpecQuery(useApi(), id ?? ''), enabled: id !== undefined });

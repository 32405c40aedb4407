/** GET /run-specs: run specs, newest first (one page of up to 200). */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api, Page } from '../../../lib/api.ts';
import { runSpecKeys } from './keys.ts';

export const listRunSpecs = (api: Api, signal?: AbortSignal) =>
  api.get<Page<RunSpec>>('run-specs?limit=200', { signal });

export const runSpecsQuery = (api: Api) =>
  queryOptions({ queryKey: runSpecKeys.list(), queryFn: ({ signal }) => listRunSpecs(api, signal) });

export const useRunSpecs = () => useQuery(runSpecsQuery(useApi()));

/** GET /run-specs: run specs, newest first, all of them, page after page. */
import type { RunSpec } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import { type Api, allPages } from '../../../lib/api.ts';
import { runSpecKeys } from './keys.ts';

export const listRunSpecs = (api: Api, signal?: AbortSignal) => allPages<RunSpec>(api, 'run-specs', signal);

export const runSpecsQuery = (api: Api) =>
  queryOptions({ queryKey: runSpecKeys.list(), queryFn: ({ signal }) => listRunSpecs(api, signal) });

export const useRunSpecs = () => useQuery(runSpecsQuery(useApi()));

/** GET /runs/{id}: the run that trained a model version (its pinned dataset digest). */
import type { Run } from '@talaty/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { modelKeys, withSignal } from './keys.ts';

export const getRun = (api: Api, runId: string, signal?: AbortSignal) =>
  api.get<Run>(`runs/${encodeURIComponent(runId)}`, withSignal(signal));

export const runQuery = (api: Api, runId: string) =>
  queryOptions({ queryKey: modelKeys.run(runId), queryFn: ({ signal }) => getRun(api, runId, signal) });

export const useRun = (runId: string) => useQuery(runQuery(useApi(), runId));

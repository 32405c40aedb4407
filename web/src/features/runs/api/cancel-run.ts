/** POST /runs/{id}/cancel: stops a QUEUED or RUNNING run; 409 when it has already ended. */
import type { Run } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runPath } from '../../../lib/queries/get-run.ts';
import { runKeys } from './keys.ts';

export const cancelRun = (api: Api, runId: string): Promise<Run> => api.post(`${runPath(runId)}/cancel`);

export function useCancelRun(runId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelRun(api, runId),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(runId), run);
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
    // A 409 means the run moved on (e.g. it finished): show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: runKeys.detail(runId), exact: true }),
  });
}

/** POST /run-specs: creates an immutable run spec; a 400 names each field it refuses. */
import type { RunSpec, RunSpecCreate } from '@talaty/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';
import { runSpecKeys } from './keys.ts';

export type RunSpecInput = z.input<typeof RunSpecCreate>;

export const createRunSpec = (api: Api, body: RunSpecInput) => api.post<RunSpec>('run-specs', body);

export function useCreateRunSpec() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunSpecInput) => createRunSpec(api, body),
    onSuccess: (spec) => {
      client.setQueryData(runSpecKeys.detail(spec.id), spec);
      return client.invalidateQueries({ queryKey: runSpecKeys.list() });
    },
  });
}

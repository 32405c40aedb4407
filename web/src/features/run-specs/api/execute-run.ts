/**
 * POST /runs/execute: starts a run of a run spec. Each click sends a fresh Idempotency-Key, so a
 * retried request (a flaky network) returns the same run instead of starting a second one.
 */
import type { Run } from '@talaty/schemas';
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../../app/context.tsx';
import type { Api } from '../../../lib/api.ts';

export const executeRun = (api: Api, runSpecId: string, idempotencyKey: string) =>
  api.post<Run>('runs/execute', { run_spec_id: runSpecId }, { headers: { 'Idempotency-Key': idempotencyKey } });

export function useExecuteRun() {
  const api = useApi();
  return useMutation({
    mutationFn: (vars: { runSpecId: string; idempotencyKey: string }) =>
      executeRun(api, vars.runSpecId, vars.idempotencyKey),
  });
}

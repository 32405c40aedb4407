/**
 * Following a run from a script or a test: polls GET /runs/{id} until the run is where the caller
 * wants it (by default: finished, out of QUEUED and RUNNING). `api` answers parsed bodies and throws
 * on errors.
 */
import type { Run } from '@talaty/schemas';
import type { UploadApi } from './dataset-upload.ts';

export const isFinished = (run: Run): boolean => run.status !== 'QUEUED' && run.status !== 'RUNNING';

export interface WaitOptions {
  /** Where the run must be to stop waiting. @default isFinished */
  readonly until?: (run: Run) => boolean;
  /** @default 240000 */
  readonly timeoutMs?: number;
  /** @default 300 */
  readonly intervalMs?: number;
  /** Called with each run read, before it is judged (a script prints progress here). */
  readonly onPoll?: (run: Run) => void | Promise<void>;
}

export async function waitForRun(
  api: Pick<UploadApi, 'get'>,
  runId: string,
  { until = isFinished, timeoutMs = 240_000, intervalMs = 300, onPoll }: WaitOptions = {},
): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await api.get(`/runs/${encodeURIComponent(runId)}`)) as Run;
    await onPoll?.(run);
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

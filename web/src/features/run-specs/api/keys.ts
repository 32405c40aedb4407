/** Query keys of run specs (one run spec's key is the shared one of lib/queries). */
import { runSpecKey } from '../../../lib/queries/get-run-spec.ts';

export const runSpecKeys = {
  all: ['run-specs'] as const,
  list: () => [...runSpecKeys.all, 'list'] as const,
  detail: runSpecKey,
};

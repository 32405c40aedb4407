/** Whether a run may still change, and how often a page that shows an active run asks again. */
import type { Run } from '@talaty/schemas';

export type RunStatus = Run['status'];

/** QUEUED or RUNNING: the run may still change, so its pages poll. */
export const isActive = (status: RunStatus): boolean => status === 'QUEUED' || status === 'RUNNING';

/** How often a page asks again while a run it shows is active. */
export const LIVE_INTERVAL_MS = 2000;

/** How long a run took, or has taken so far: ticks every second while the run is active. */
import type { Run } from '@talaty/schemas';
import { useEffect, useState } from 'react';
import { formatDuration } from '../../../components/format.ts';
import { isActive } from '../../../lib/run-status.ts';
import { runDuration } from '../run-state.ts';

export function RunDuration(props: { run: Run }) {
  const live = isActive(props.run.status) && props.run.started_at !== null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  return <>{formatDuration(runDuration(props.run, live ? now : Date.now()))}</>;
}

/** A run's status and gate outcome in words; the status line is announced when it changes. */
import type { Run } from '@talaty/schemas';
import { StatusBadge } from '../../../components/status-badge.tsx';

const GATE_TEXT = { passed: 'Gates passed', failed: 'Gates failed', none: 'No gates' } as const;

export function GateBadge(props: { outcome: Run['gate_outcome'] }) {
  if (props.outcome === null) return <span className="muted">—</span>;
  const tone = props.outcome === 'passed' ? 'good' : props.outcome === 'failed' ? 'bad' : 'muted';
  return <span className={`badge badge-${tone}`}>{GATE_TEXT[props.outcome]}</span>;
}

/** `role="status"`: screen readers hear "Status: RUNNING" → "Status: SUCCEEDED" as the run moves on. */
export function RunStatusLine(props: { run: Run }) {
  return (
    <p className="run-status" role="status">
      Status: <StatusBadge status={props.run.status} />
      {props.run.status === 'SUCCEEDED' ? (
        <>
          {' '}
          <GateBadge outcome={props.run.gate_outcome} />
        </>
      ) : null}
    </p>
  );
}

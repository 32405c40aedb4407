/** The run's steps in order, each with its times, duration, attempts, notes and error. */
import type { RunEvent } from '@talaty/schemas';
import { formatDateTime, formatDuration } from '../../../components/format.ts';
import { buildTimeline, type StepState } from '../timeline.ts';

const STATE_TONE: Readonly<Record<StepState, string>> = {
  running: 'busy',
  succeeded: 'good',
  failed: 'bad',
  stopped: 'muted',
};

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function StepTimeline(props: { events: readonly RunEvent[] }) {
  const timeline = buildTimeline(props.events);
  return (
    <ol className="timeline" aria-label="Pipeline steps">
      {timeline.queuedAt === null ? null : (
        <li>
          <span className="step-name">Queued</span>{' '}
          <time dateTime={timeline.queuedAt}>{formatDateTime(timeline.queuedAt)}</time>
        </li>
      )}
      {timeline.steps.map((s) => (
        <li key={`${s.step}-${s.startedAt}`} className={`step step-${s.state}`}>
          <span className="step-name">{s.step}</span>{' '}
          <span className={`badge badge-${STATE_TONE[s.state]}`}>{s.state}</span>{' '}
          <span className="muted">
            <time dateTime={s.startedAt}>{time(s.startedAt)}</time>
            {s.finishedAt === null ? null : (
              <>
                {' – '}
                <time dateTime={s.finishedAt}>{time(s.finishedAt)}</time>
              </>
            )}
            {s.durationMs === null ? null : ` (${formatDuration(s.durationMs)})`}
            {s.attempts > 1 ? `, ${s.attempts} attempts` : null}
          </span>
          {s.notes.length === 0 ? null : (
            <ul className="step-notes">
              {s.notes.map((note, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: notes repeat (retries) and never reorder
                <li key={i}>{note}</li>
              ))}
            </ul>
          )}
          {s.error === null ? null : <p className="error">{s.error}</p>}
        </li>
      ))}
      {timeline.end === null ? null : (
        <li className={`step step-end-${timeline.end.kind}`}>
          <span className="step-name">{timeline.end.message}</span>{' '}
          <time className="muted" dateTime={timeline.end.at}>
            {formatDateTime(timeline.end.at)}
          </time>
        </li>
      )}
    </ol>
  );
}

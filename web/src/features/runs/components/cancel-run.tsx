/**
 * Cancel, with a confirmation step in the page (no browser dialog): only while the run is QUEUED
 * or RUNNING; the API's refusal (409 when the run has just ended) shows next to the button.
 */
import type { Run } from '@talaty/schemas';
import { useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { isActive } from '../../../lib/run-status.ts';
import { useCancelRun } from '../api/cancel-run.ts';

export function CancelRun(props: { run: Run }) {
  const cancel = useCancelRun(props.run.id);
  const [confirming, setConfirming] = useState(false);
  const errorId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const active = isActive(props.run.status);
  if (!active && cancel.error === null) return null;
  const describedBy = cancel.error === null ? undefined : errorId;
  return (
    <div className="cancel-run">
      {!active ? null : confirming ? (
        <fieldset className="confirm">
          <legend>Cancel this run? Training stops and no model is registered.</legend>
          <button
            ref={confirmRef}
            type="button"
            className="danger"
            disabled={cancel.isPending}
            aria-describedby={describedBy}
            onClick={() => cancel.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            {cancel.isPending ? 'Cancelling…' : 'Yes, cancel the run'}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={cancel.isPending}>
            Keep it running
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          className="danger"
          aria-describedby={describedBy}
          onClick={() => {
            cancel.reset();
            setConfirming(true);
          }}
        >
          Cancel run
        </button>
      )}
      <ErrorMessage error={cancel.error} id={errorId} />
    </div>
  );
}

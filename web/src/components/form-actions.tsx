/** A form's submit button ("Saving…" while pending), the actions beside it and what the form says there. */
import type { ReactNode } from 'react';

export function FormActions(props: {
  pending: boolean;
  submitLabel: string;
  /** More actions beside the submit button (e.g. Cancel). */
  actions?: ReactNode;
  /** After the actions: a status line or a summary of the fields in error. */
  children?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={props.pending}>
        {props.pending ? 'Saving…' : props.submitLabel}
      </button>
      {props.actions}
      {props.children}
    </div>
  );
}

/**
 * A labelled form control with its hint and inline error. The child is a render function that
 * receives the control's id and ARIA attributes, so any input, select or textarea fits.
 */
import { type ReactNode, useId } from 'react';
import { ApiError } from '../lib/api.ts';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export function Field(props: {
  label: string;
  /** A message, or an ApiError whose detail for `path` is shown. */
  error?: string | undefined;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint === undefined ? undefined : `${id}-hint`;
  const errorId = props.error === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter((x) => x !== undefined).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, 'aria-invalid': props.error !== undefined, 'aria-describedby': describedBy })}
      {props.hint === undefined ? null : (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error === undefined ? null : (
        <p className="error" role="alert" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The API's message for one field path (`name`, `params.max_depth`), if the error names it. */
export function fieldError(error: unknown, ...paths: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  for (const path of paths) {
    const message = error.fieldMessage(path);
    if (message !== undefined) return message;
  }
  return undefined;
}

/** The error to show beside the submit button: anything not shown next to one of `fields`. */
export function formError(error: unknown, fields: readonly string[]): unknown {
  if (error === null || error === undefined) return undefined;
  if (error instanceof ApiError && error.details.length > 0 && error.details.every((d) => fields.includes(d.path))) {
    return undefined;
  }
  return error;
}

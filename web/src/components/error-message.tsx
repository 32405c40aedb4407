/** An error in words, announced to screen readers; placed next to the field or action that caused it. */
import { errorMessage } from '../lib/api.ts';

export function ErrorMessage(props: { error: unknown; id?: string }) {
  if (props.error === null || props.error === undefined) return null;
  return (
    <p className="error" role="alert" id={props.id}>
      {errorMessage(props.error)}
    </p>
  );
}

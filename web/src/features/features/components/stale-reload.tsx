/**
 * After a 412 (someone changed the record since it was read), the way out: load the latest version
 * and apply the change again. Nothing for other errors.
 */
import { ApiError } from '../../../lib/api.ts';

export function StaleReload(props: {
  error: unknown;
  onReload: () => void;
  /** Answers that mean "read again": 412, and on a draft also 409 (published meanwhile). @default [412] */
  statuses?: readonly number[];
}) {
  const { error } = props;
  if (!(error instanceof ApiError && (props.statuses ?? [412]).includes(error.status))) return null;
  return (
    <button type="button" onClick={props.onReload}>
      Load the latest version
    </button>
  );
}

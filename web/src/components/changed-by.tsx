/** When a row was created or last changed, and by whom, as a table cell shows it: "27 Nov 2026, 12:00 by alice". */
import { formatDateTime } from './format.ts';

export function ChangedBy(props: { at: string; by: string }) {
  return (
    <>
      {formatDateTime(props.at)} <span className="muted">by {props.by}</span>
    </>
  );
}

/**
 * Optimistic concurrency: an update names the row version it is based on, the store writes only
 * if the row is still at it, and a miss is told apart as gone or stale.
 */
import { NotFoundError, PreconditionFailedError } from './errors.ts';

export interface Versioned {
  readonly row_version: number;
}

/** After a conditional write matched nothing: the record is gone, or someone changed it first. */
export function missedUpdate(current: Versioned | undefined, expected: number, what: string): never {
  if (current === undefined) throw new NotFoundError(`${what} does not exist.`);
  throw new PreconditionFailedError(
    `${what} has changed since row version ${expected}; it is now at ${current.row_version}. Read it again and retry.`,
    [{ path: 'row_version', message: `stale: current row version is ${current.row_version}` }],
  );
}

/** Refuses a change based on a stale read before any write is attempted. */
export function checkRowVersion(current: Versioned, expected: number, what: string): void {
  if (current.row_version !== expected) missedUpdate(current, expected, what);
}

/**
 * Optimistic concurrency: an update names the row version it read (If-Match or `row_version`),
 * the store writes only if the row is still there, and a miss is told apart as gone or stale.
 */
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from './errors.ts';

export interface Versioned {
  readonly row_version: number;
}

/** The row version an update is based on, from If-Match and/or the body; they must agree. */
export function expectedRowVersion(ifMatch: number | undefined, inBody: number | undefined): number {
  if (ifMatch !== undefined && inBody !== undefined && ifMatch !== inBody) {
    throw new ValidationError('If-Match and row_version disagree.', [
      { path: 'row_version', message: `is ${inBody}, but If-Match says ${ifMatch}` },
    ]);
  }
  const expected = ifMatch ?? inBody;
  if (expected === undefined) {
    throw new PreconditionRequiredError(
      'Updates must say which row version they change: send If-Match with the ETag you read, or row_version in the body.',
    );
  }
  return expected;
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

/**
 * What the database refused, classified from the Data API's `DatabaseErrorException`, whose message
 * ends in `SQLState: XXXXX`. Services turn these into domain errors with a message for people.
 */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly sqlState: string,
    readonly constraint: string | null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A unique constraint (e.g. a taken name) refused the write. */
export class UniqueViolation extends StoreError {}
/** A referenced row does not exist. */
export class ForeignKeyViolation extends StoreError {}
/** A trigger refused to change a committed version or an immutable record (SQLSTATE TL409). */
export class ImmutableRecord extends StoreError {}

const classes: Record<string, new (message: string, sqlState: string, constraint: string | null) => StoreError> = {
  '23505': UniqueViolation,
  '23503': ForeignKeyViolation,
  TL409: ImmutableRecord,
};

/** The classified error, or the original one when it is not a database refusal we know. */
export function classifyDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'DatabaseErrorException') return error;
  const state = /SQLState: ([0-9A-Z]{5})/.exec(error.message)?.[1];
  const Class = state === undefined ? undefined : classes[state];
  if (Class === undefined || state === undefined) return error;
  const constraint = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? null;
  const message = /^ERROR: ([^\n;]*)/.exec(error.message)?.[1] ?? error.message;
  return new Class(message, state, constraint);
}

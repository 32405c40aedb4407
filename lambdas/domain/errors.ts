/**
 * The typed errors domain services throw. They know nothing of HTTP; `http/errors.ts` maps each
 * to a status once, for every route.
 */
import type { ErrorDetail } from '@talaty/schemas';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed or breaks a rule; `details` names each field. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The change contradicts the stored state: a taken name, a published version, an immutable record. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** The row version the caller based its change on is stale. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';
}

/** An update came without the row version it is based on. */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'PRECONDITION_REQUIRED';
}

/** A service the operation depends on did not answer; the caller may retry. */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
}

/** A field-level validation error with a single detail. */
export const invalidField = (path: string, message: string): ValidationError =>
  new ValidationError(`${path}: ${message}`, [{ path, message }]);

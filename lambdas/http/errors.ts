/** The one mapping from errors to HTTP answers with the stable error body of CONTRACTS.md. */
import type { ErrorDetail, ErrorResponse } from '@talaty/schemas';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnavailableError,
  ValidationError,
} from '../domain/errors.ts';

/** An error raised by the HTTP edge itself: a body, header or query that cannot be read. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const statusByClass = new Map<unknown, number>([
  [ValidationError, 400],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PreconditionFailedError, 412],
  [PreconditionRequiredError, 428],
  [UnavailableError, 503],
]);

export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorResponse;
}

/** The status and body for any thrown value; unknown errors become a 500 that reveals nothing. */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, body: errorBody(error.code, error.message, error.details) };
  }
  if (error instanceof DomainError) {
    const status = statusByClass.get(error.constructor) ?? 400;
    return { status, body: errorBody(error.code, error.message, error.details) };
  }
  return {
    status: 500,
    body: errorBody('INTERNAL_ERROR', 'Something went wrong on our side; it has been logged.', []),
  };
}

export const errorBody = (code: string, message: string, details: ErrorDetail[]): ErrorResponse => ({
  error: { code, message, details },
});

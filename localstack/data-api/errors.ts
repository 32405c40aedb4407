/**
 * The Data API's errors as the SDK reads them: an HTTP status, the error type (sent in the
 * `x-amzn-ErrorType` header and as `__type`/`code` in the body) and a message. PostgreSQL errors
 * become `DatabaseErrorException` in Aurora's shape, which is pgJDBC's message plus the SQLSTATE:
 * `ERROR: <message>\n  Detail: …\n  Hint: …\n  Position: …\n  Where: …; SQLState: 23505`.
 */
import pg from 'pg';

export class DataApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** More members of the error body, e.g. StatementTimeoutException's dbConnectionId. */
    readonly fields: Readonly<Record<string, number | string>> = {},
  ) {
    super(message);
    this.name = type;
  }
}

export const badRequest = (message: string) => new DataApiError(400, 'BadRequestException', message);

/** Aurora's message when a result does not fit in a response. */
export const RESPONSE_TOO_LARGE = 'Database returned more than the allowed response size limit';

export function transactionNotFound(id: string): DataApiError {
  return badRequest(`Transaction ${id} is not found`);
}

/** pgJDBC's rendering of a server error (ServerErrorMessage.toString). */
export function serverErrorText(error: pg.DatabaseError): string {
  let text = `${error.severity ?? 'ERROR'}: ${error.message}`;
  if (error.detail) text += `\n  Detail: ${error.detail}`;
  if (error.hint) text += `\n  Hint: ${error.hint}`;
  if (error.position) text += `\n  Position: ${error.position}`;
  if (error.where) text += `\n  Where: ${error.where}`;
  return text;
}

/** Aurora's DatabaseErrorException message: pgJDBC's text and the SQLSTATE. */
const databaseErrorMessage = (error: pg.DatabaseError): string =>
  `${serverErrorText(error)}; SQLState: ${error.code ?? 'XX000'}`;

export function databaseError(message: string): DataApiError {
  return new DataApiError(400, 'DatabaseErrorException', message);
}

const unreachable = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/** Any failure as the error the client sees. */
export function toDataApiError(error: unknown): DataApiError {
  if (error instanceof DataApiError) return error;
  if (error instanceof pg.DatabaseError) return databaseError(databaseErrorMessage(error));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && unreachable.has(code)) {
    return new DataApiError(504, 'DatabaseUnavailableException', `The database is unavailable (${code}).`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DataApiError(500, 'InternalServerErrorException', `The local Data API failed: ${message}`);
}

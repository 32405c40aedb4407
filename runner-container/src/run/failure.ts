/**
 * Why a run failed: a stable code and a message for a person. Errors of the reader, the feature
 * encoder and the outcome checks map onto the codes here; anything else is INTERNAL.
 */
import { ZodError } from 'zod';
import { issueLines } from '../io/config-text.ts';
import { CsvError } from '../io/csv.ts';
import { LocationError } from '../io/location.ts';
import { ParquetError } from '../io/parquet.ts';
import { InputError } from '../predict/encode.ts';
import { DataError } from '../prepare/target.ts';

export const FAILURE_CODES = [
  /** The manifest is unreadable JSON/YAML or breaks the RunManifest schema. */
  'INVALID_MANIFEST',
  /** The manifest or the dataset cannot be read (missing object, bad CSV, unsupported format). */
  'READ_FAILED',
  /** The dataset's bytes do not have the manifest's sha256. */
  'DIGEST_MISMATCH',
  /** A feature's source column, or the target/id/date/weight column, is not in the dataset. */
  'MISSING_COLUMN',
  /** The outcome takes one value only (in the data, or in the training sample). */
  'CONSTANT_TARGET',
  /** A sample the split policy asks for got no rows. */
  'EMPTY_SAMPLE',
  /** Cells that cannot be used: text in a numeric feature, a rejected missing value, bad weights or dates. */
  'INVALID_DATA',
  /** An output could not be written. */
  'WRITE_FAILED',
  /** A fault of the runner itself. */
  'INTERNAL',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export class RunFailure extends Error {
  override readonly name = 'RunFailure';
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** The failure an error stands for. */
export function failureOf(error: unknown): { code: FailureCode; message: string } {
  if (error instanceof RunFailure) return { code: error.code, message: error.message };
  if (error instanceof LocationError) {
    return { code: error.writing ? 'WRITE_FAILED' : 'READ_FAILED', message: error.message };
  }
  if (error instanceof ZodError) {
    const shown = issueLines(error).slice(0, 10).join('; ');
    return { code: 'INTERNAL', message: `the runner produced a document its schema rejects: ${shown}` };
  }
  if (error instanceof CsvError || error instanceof ParquetError)
    return { code: 'READ_FAILED', message: error.message };
  if (error instanceof DataError || error instanceof InputError)
    return { code: 'INVALID_DATA', message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'INTERNAL', message: `the runner failed unexpectedly: ${message}`.slice(0, 4000) };
}

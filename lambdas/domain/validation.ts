/** Validation at the domain's edge: a zod parse whose failure is a `ValidationError` naming each field. */
import { toErrorDetails } from '@talaty/schemas';
import type { z } from 'zod';
import { ValidationError } from './errors.ts';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = toErrorDetails(result.error);
  const first = details[0];
  const summary = first === undefined ? '' : `: ${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new ValidationError(`${what} is invalid${summary}${more}`, details);
}

/** The stored fields overlaid with the fields an update names; `row_version` is not content. */
export function merged<T extends object>(current: T, changes: Record<string, unknown>): Record<string, unknown> {
  const { row_version: _ignored, ...rest } = changes;
  const defined = Object.entries(rest).filter(([, value]) => value !== undefined);
  return { ...current, ...Object.fromEntries(defined) };
}

/** Refuses an update that would change nothing, so a client learns its body was empty. */
export function requireChanges(changes: Record<string, unknown>): void {
  if (!Object.entries(changes).some(([key, value]) => key !== 'row_version' && value !== undefined)) {
    throw new ValidationError('The update names no field to change.', [
      { path: '', message: 'name at least one field to change' },
    ]);
  }
}

/** Refuses content whose JSON is larger than `max` bytes (what one stored record may hold). */
export function requireSize(value: unknown, max: number, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > max) {
    throw new ValidationError(`${what} is ${bytes} bytes of JSON; at most ${max} can be stored.`, [
      { path: '', message: `${bytes} bytes is over the limit of ${max}` },
    ]);
  }
}

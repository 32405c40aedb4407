/**
 * API error details for form fields whose paths have children (`tags.3`): the message for a field
 * and everything under it, and whatever no field of the form shows.
 */
import { ApiError } from '../../../lib/api.ts';

const under = (path: string, field: string) => path === field || path.startsWith(`${field}.`);

export function errorUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => under(d.path, field))?.message;
}

/** The error itself unless every detail is shown next to one of `fields`. */
export function errorElsewhere(error: unknown, fields: readonly string[]): unknown {
  if (error === null || error === undefined) return undefined;
  if (error instanceof ApiError && error.details.length > 0) {
    if (error.details.every((d) => fields.some((f) => under(d.path, f)))) return undefined;
  }
  return error;
}

/** "cards, public" → ["cards", "public"]: trimmed, without empties or repeats. */
export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  ),
];

/**
 * API error details for fields whose paths have children: `tags` also matches `tags.3`, `features.2`
 * also matches `features.2.source_column`. What no field shows goes by the submit button (`formError`).
 */
import { ApiError } from '../lib/api.ts';

/** The error's details at one of the prefixes or below it. */
const detailsUnder = (error: unknown, prefixes: readonly string[]) =>
  error instanceof ApiError
    ? error.details.filter((d) => prefixes.some((prefix) => d.path === prefix || d.path.startsWith(`${prefix}.`)))
    : [];

export function errorUnder(error: unknown, ...prefixes: string[]): string | undefined {
  const found = detailsUnder(error, prefixes);
  return found.length === 0 ? undefined : found.map((d) => d.message).join('; ');
}

/** Every detail path the error names under the given prefixes, so the rest can go by the submit button. */
export function pathsUnder(error: unknown, ...prefixes: string[]): string[] {
  return detailsUnder(error, prefixes).map((d) => d.path);
}

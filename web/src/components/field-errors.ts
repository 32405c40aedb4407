/**
 * API error details for fields whose paths have children: `tags` also matches `tags.3`, `features.2`
 * also matches `features.2.source_column`. What no field shows goes by the submit button (`formError`).
 */
import { ApiError } from '../lib/api.ts';

export function errorUnder(error: unknown, ...prefixes: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.details.filter((d) =>
    prefixes.some((prefix) => d.path === prefix || d.path.startsWith(`${prefix}.`)),
  );
  return found.length === 0 ? undefined : found.map((d) => d.message).join('; ');
}

/** Every detail path the error names under the given prefixes, so the rest can go by the submit button. */
export function pathsUnder(error: unknown, ...prefixes: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details
    .map((d) => d.path)
    .filter((path) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)));
}

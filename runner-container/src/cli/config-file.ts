/** Reads a JSON or YAML file (by extension, else by content) and validates it with a zod schema. */
import { readFile } from 'node:fs/promises';
import { toErrorDetails } from '@talaty/schemas';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UsageError } from './args.ts';

export async function readConfigFile<S extends z.ZodType>(path: string, schema: S, what: string): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `${what} file ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const details = toErrorDetails(parsed.error)
      .map((d) => `  ${d.path || '(top level)'}: ${d.message}`)
      .join('\n');
    throw new UsageError(`${what} file ${path} is invalid:\n${details}`);
  }
  return parsed.data;
}

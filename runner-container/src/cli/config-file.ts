/** Reads a JSON or YAML file (by extension, else by content) and validates it with a zod schema. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { issueLines, parseConfigText } from '../io/config-text.ts';
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
    data = parseConfigText(text, path);
  } catch (error) {
    throw new UsageError(`${what} file ${path} is ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const details = issueLines(parsed.error)
      .map((line) => `  ${line}`)
      .join('\n');
    throw new UsageError(`${what} file ${path} is invalid:\n${details}`);
  }
  return parsed.data;
}

/**
 * Configuration documents as text: JSON when the path ends in .json, else YAML (which JSON also
 * is), and their validation issues as lines a person reads.
 */
import { toErrorDetails } from '@talaty/schemas';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** The parsed text; throws an Error whose message reads "not valid JSON: …" (or YAML). */
export function parseConfigText(text: string, path: string): unknown {
  const json = /\.json$/i.test(path);
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}

/** One "path: message" line per problem, the document itself named "(top level)". */
export function issueLines(error: z.ZodError): string[] {
  return toErrorDetails(error).map((d) => `${d.path || '(top level)'}: ${d.message}`);
}

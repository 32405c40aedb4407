/** Loads the generated JSON Schemas from schemas/v0 and validates documents with ajv (2020-12). */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DocumentName } from '../src/documents.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type JsonSchema = { [key: string]: unknown } & { examples?: unknown[] };

export function readGenerated(file: string): JsonSchema {
  return JSON.parse(readFileSync(new URL(`../v0/${file}`, import.meta.url), 'utf8')) as JsonSchema;
}

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** ajv errors as `path: message` lines, the way a person would read them. */
export const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '(document)'}: ${e.message ?? e.keyword}`);

/** The compiled validator of a generated document, compiled once per ajv instance. */
export function validatorFor(ajv: Ajv2020, name: DocumentName) {
  const schema = readGenerated(`${name}.json`);
  return ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
}

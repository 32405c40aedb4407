/**
 * Every generated JSON Schema is a valid 2020-12 schema that compiles, carries its v0 identity,
 * and accepts its own examples; zod accepts the same examples unchanged.
 */
import { describe, expect, it } from 'vitest';
import { documents } from '../src/documents.ts';
import { createAjv, describeErrors, names, readGenerated } from './ajv.ts';

const ajv = createAjv();

describe.each(names)('schemas/v0/%s.json', (name) => {
  const schema = readGenerated(`${name}.json`);

  it('is a valid JSON Schema 2020-12 document with a v0 $id, a title and a description', () => {
    expect(ajv.validateSchema(schema), describeErrors(ajv.errors).join('\n')).toBe(true);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`urn:talaty:schemas:v0:${name}`);
    expect(schema.title).toBe(name);
    expect(String(schema.description).length).toBeGreaterThan(20);
    expect(schema.$comment).toMatch(/do not edit/);
  });

  it('compiles in strict mode and validates each of its examples', () => {
    const validate = ajv.compile(schema);
    expect(schema.examples?.length ?? 0).toBeGreaterThan(0);
    for (const example of schema.examples ?? []) {
      expect(validate(example), describeErrors(validate.errors).join('\n')).toBe(true);
    }
  });

  it('has examples that the zod schema accepts exactly as written', () => {
    for (const example of schema.examples ?? []) {
      const parsed = documents[name].safeParse(example);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data).toEqual(example);
    }
  });
});

describe('schemas/v0/index.json', () => {
  it('lists every document with its file, $id and description', () => {
    const index = readGenerated('index.json') as { version: string; schemas: Array<Record<string, string>> };
    expect(index.version).toBe('v0');
    expect(index.schemas.map((s) => s.name)).toEqual(names);
    for (const entry of index.schemas) {
      const schema = readGenerated(entry.file ?? '');
      expect(schema.$id).toBe(entry.$id);
      expect(schema.description).toBe(entry.description);
    }
  });
});

/**
 * The generated OpenAPI document: every route of the table is there once with a unique
 * operationId, every reference resolves, and ajv (strict, 2020-12) compiles the components and
 * accepts the documents' examples and rejects a broken one.
 */
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/api.ts';
import { documents, exampleOf } from '../src/index.ts';
import { createAjv, describeErrors, readGenerated } from './ajv.ts';

type Operation = { operationId: string; parameters?: Array<{ name: string; in: string }> };
const openapi = readGenerated('openapi.json') as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

describe('openapi.json', () => {
  it('describes exactly the route table, with unique operation ids and every path parameter', () => {
    expect(openapi.openapi).toBe('3.1.0');
    const operations = Object.entries(openapi.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.map((o) => o.key).sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations) {
      const placeholders = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(inPath, key).toEqual(placeholders);
    }
  });

  it('resolves every reference to a component', () => {
    const missing = refs(openapi).filter((ref) => {
      const name = ref.replace('#/components/schemas/', '');
      return !ref.startsWith('#/components/schemas/') || openapi.components.schemas[name] === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('compiles in ajv and validates examples against the answer schemas', () => {
    const ajv = createAjv();
    // The components under their OpenAPI path, so the document's own `#/components/schemas/…` refs resolve.
    ajv.addVocabulary(['components']);
    ajv.addSchema({ $id: 'urn:talaty:openapi', components: openapi.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile({ $ref: `urn:talaty:openapi#/components/schemas/${name}` });
      return { ok: check(value), errors: describeErrors(check.errors) };
    };
    for (const name of ['Dataset', 'Feature', 'FeatureSetVersion', 'RunSpec', 'Run', 'ModelVersion'] as const) {
      const result = validate(name, exampleOf(documents[name]));
      expect(result.errors, name).toEqual([]);
    }
    expect(validate('DatasetPage', { items: [exampleOf(documents.Dataset)], next_cursor: null }).ok).toBe(true);
    expect(validate('Dataset', { ...exampleOf(documents.Dataset), row_version: 0 }).ok).toBe(false);
    expect(validate('NamedEntityCreateInput', { name: 'ok' }).ok).toBe(true);
    expect(validate('NamedEntityCreateInput', { name: 'ok', colour: 'red' }).ok).toBe(false);
  });
});

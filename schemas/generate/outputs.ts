/** Every generated file of schemas/v0, as path → content, computed from the zod schemas. */
import { documentNames, documents, SCHEMA_VERSION } from '../src/documents.ts';
import { GENERATED_NOTICE, type JsonSchema, jsonSchemaOf, schemaId } from '../src/json-schema.ts';
import { openApiDocument } from '../src/openapi.ts';
import { typescriptOf } from './typescript.ts';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export async function generatedFiles(): Promise<Map<string, string>> {
  const schemas = new Map<string, JsonSchema>(documentNames.map((name) => [name, jsonSchemaOf(name)]));
  const files = new Map<string, string>();
  for (const [name, schema] of schemas) files.set(`${name}.json`, json(schema));
  files.set(
    'index.json',
    json({
      $comment: GENERATED_NOTICE,
      version: SCHEMA_VERSION,
      schemas: documentNames.map((name) => ({
        name,
        $id: schemaId(name),
        file: `${name}.json`,
        description: documents[name].description ?? '',
      })),
    }),
  );
  files.set('openapi.json', json(openApiDocument()));
  files.set('types.ts', await typescriptOf(schemas));
  return files;
}

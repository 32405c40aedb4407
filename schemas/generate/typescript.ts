/**
 * JSON Schema → TypeScript with json-schema-to-typescript. All documents are bundled into one
 * schema whose $defs hold every document and every shared part once, so each type is declared once.
 */
import { compile } from 'json-schema-to-typescript';
import { GENERATED_NOTICE, type JsonSchema, retarget, schemaId, sortedByKey } from '../src/json-schema.ts';

type Defs = Record<string, JsonSchema>;

function addDefinition(bundle: Defs, name: string, schema: JsonSchema): void {
  const existing = bundle[name];
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) {
    throw new Error(`two different schemas are both named ${name}`);
  }
  bundle[name] = schema;
}

/**
 * json-schema-to-typescript copies a referenced schema into a new, numbered type (SplitFractions1)
 * when the `$ref` has sibling keywords; defaults and descriptions beside a `$ref` do not change
 * the type, so they are dropped here, in the TypeScript input only.
 */
function bareRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bareRefs);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  const isRef = entries.some(([key]) => key === '$ref');
  return Object.fromEntries(
    entries
      .filter(([key]) => !(isRef && (key === 'default' || key === 'description')))
      .map(([key, value]) => [key, bareRefs(value)]),
  );
}

/** Merges the documents' own definitions and their $defs into one bundle schema. */
export function bundle(documents: ReadonlyMap<string, JsonSchema>): JsonSchema {
  const defs: Defs = {};
  for (const [name, document] of documents) {
    const { $schema: _schema, $id: _id, $comment: _comment, $defs, ...root } = document;
    for (const [defName, def] of Object.entries(($defs ?? {}) as Defs)) addDefinition(defs, defName, def);
    // Inside a document `#` means the document itself; in the bundle that is its definition.
    addDefinition(defs, name, retarget(root, '#', `#/$defs/${name}`) as JsonSchema);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaId('types'),
    title: 'V0Document',
    description: 'Any v0 document.',
    anyOf: [...documents.keys()].map((name) => ({ $ref: `#/$defs/${name}` })),
    $defs: sortedByKey(defs),
  };
}

export async function typescriptOf(documents: ReadonlyMap<string, JsonSchema>): Promise<string> {
  return compile(bareRefs(bundle(documents)) as Parameters<typeof compile>[0], 'V0Document', {
    bannerComment: `/* ${GENERATED_NOTICE} */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

/**
 * The run-spec form's schema: `RunSpecCreateInput` among the OpenAPI document's component schemas.
 * Only the new-run-spec page (a lazily loaded route) imports this module, so only it downloads them.
 */
import { components } from '@talaty/schemas/v0/openapi.json';
import { formNode, type ObjectNode, type SchemaRegistry } from './schema-form/schema.ts';

export function runSpecSchema(): ObjectNode {
  const registry = components.schemas as unknown as SchemaRegistry;
  const node = formNode({ $ref: '#/components/schemas/RunSpecCreateInput' }, registry);
  if (node.kind !== 'object') throw new Error('RunSpecCreateInput is not an object schema');
  return node;
}

/**
 * OpenAPI 3.1 for the HTTP API, built from the operation table (api.ts) and the zod schemas.
 * Every schema with an id becomes a component: documents in their output form (what the API
 * answers), and as `<Name>Input` in their input form (what a request may send, defaults omitted).
 */
import { z } from 'zod';
import { type ApiRoute, apiRoutes, pathParameters } from './api.ts';
import { SCHEMA_VERSION } from './documents.ts';
import { ErrorResponse } from './errors.ts';
import { GENERATED_NOTICE, type JsonSchema, retarget, sortedByKey } from './json-schema.ts';

const ref = (id: string) => `#/components/schemas/${id}`;
const inputId = (id: string) => `${id}Input`;

type Io = 'input' | 'output';

function componentSchemas(io: Io): Record<string, JsonSchema> {
  const generated = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
    uri: (id) => ref(io === 'input' ? inputId(id) : id),
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema;
      return [io === 'input' ? inputId(id) : id, rest];
    }),
  );
}

/** A schema inline, or as a reference when it is a registered component. */
function schemaRef(schema: z.ZodType, io: Io): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id !== undefined) return { $ref: ref(io === 'input' ? inputId(id) : id) };
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
  }) as JsonSchema;
  // Registered schemas inside an inline one are components: point at them instead of embedding them.
  const { $defs, ...inline } = rest as JsonSchema & { $defs?: Record<string, JsonSchema> };
  return Object.keys($defs ?? {}).reduce<JsonSchema>(
    (schema, id) => retarget(schema, `#/$defs/${id}`, ref(io === 'input' ? inputId(id) : id)) as JsonSchema,
    inline,
  );
}

const errorStatuses: Record<string, string> = {
  '400': 'The request is malformed or breaks a rule; details name each field.',
  '401': 'The request is not signed, or its signature or clock is wrong.',
  '403': 'The signing key is not allowed.',
  '404': 'No such resource.',
  '409': 'The change conflicts with the stored state (a taken name, a published version).',
  '412': 'The row version in If-Match is stale.',
  '413': 'The body is over 1 MB.',
  '415': 'The body is not JSON.',
  '428': 'An update came without If-Match or row_version.',
  '500': 'Something failed on the server.',
};

function operation(route: ApiRoute): JsonSchema {
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const parameters: JsonSchema[] = pathNames.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: schemaRef(pathParameters[name] as z.ZodType, 'input'),
  }));
  if (route.query instanceof z.ZodObject) {
    for (const [name, schema] of Object.entries(route.query.shape as Record<string, z.ZodType>)) {
      const { description, ...rest } = schemaRef(schema, 'input');
      parameters.push({ name, in: 'query', required: false, description, schema: rest });
    }
  }
  if (route.ifMatch === true) {
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'The ETag (row version) this change is based on; or send row_version in the body.',
      schema: { type: 'string' },
    });
  }
  const errors = Object.fromEntries(
    Object.entries(errorStatuses).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: ref('ErrorResponse') } } } },
    ]),
  );
  return {
    operationId: route.operation,
    summary: route.summary,
    tags: [route.group],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: route.method !== 'POST' || !route.path.endsWith('/publish'),
            content: { 'application/json': { schema: schemaRef(route.body, 'input') } },
          },
        }),
    responses: {
      [String(route.status)]: {
        description: route.status === 201 ? 'Created.' : 'OK.',
        content: { 'application/json': { schema: schemaRef(route.response, 'output') } },
      },
      ...errors,
    },
    security: [{ sigv4: [] }],
  };
}

/** Every `$ref` target anywhere in the tree. */
function refsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.replace('#/components/schemas/', ''));
      else refsIn(value, found);
    }
  }
  return found;
}

/** The components the paths reach, directly or through other components. */
function reachable(paths: unknown, all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const kept: Record<string, JsonSchema> = {};
  const queue = [...refsIn(paths, new Set())];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const schema = all[id];
    if (schema === undefined || kept[id] !== undefined) continue;
    kept[id] = schema;
    queue.push(...refsIn(schema, new Set()));
  }
  return sortedByKey(kept);
}

/** The OpenAPI document of the API, deterministic for a given source. */
export function openApiDocument(): JsonSchema {
  void ErrorResponse; // registered with the global registry on import
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of apiRoutes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    $comment: GENERATED_NOTICE,
    info: {
      title: 'Talaty API',
      version: SCHEMA_VERSION,
      description:
        'The control plane of Talaty: datasets, features, feature sets, run specs, runs and models. ' +
        'Every request is signed with AWS Signature Version 4 (service execute-api); errors share one body.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: sortedByKey(paths),
    components: {
      schemas: reachable(paths, { ...componentSchemas('output'), ...componentSchemas('input') }),
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4 for service execute-api (API Gateway IAM authorization).',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    },
  };
}

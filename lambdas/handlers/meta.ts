/**
 * The meta handler group: health, version, the v0 JSON Schemas and OpenAPI. Schemas and OpenAPI are
 * built by the same functions that wrote schemas/v0 (the drift check keeps the two identical).
 */
import { documentNames, jsonSchemaOf, openApiDocument, SCHEMA_VERSION, schemaId } from '@talaty/schemas';
import { NotFoundError } from '../domain/errors.ts';
import { createApi } from '../http/api.ts';
import { pathOf } from '../http/request.ts';
import { config } from './runtime.ts';

let openApi: unknown;
const schemas = new Map<string, unknown>();
const names = new Set<string>(documentNames);

export const handler = createApi({
  group: 'meta',
  webOrigin: config.webOrigin,
  routes: {
    'GET /health': async () => ({ body: { status: 'ok', stage: config.stage, version: config.version } }),
    'GET /version': async () => ({
      body: { version: config.version, stage: config.stage, schema_version: SCHEMA_VERSION },
    }),
    'GET /schemas/v0': async () => ({
      body: {
        version: SCHEMA_VERSION,
        schemas: documentNames.map((name) => ({ name, $id: schemaId(name), url: `/schemas/v0/${name}` })),
      },
    }),
    'GET /schemas/v0/{name}': async (event) => {
      const name = pathOf(event, ['name']).name as string;
      if (!names.has(name)) throw new NotFoundError(`No v0 schema is named "${name}"; GET /schemas/v0 lists them.`);
      let schema = schemas.get(name);
      if (schema === undefined) {
        schema = jsonSchemaOf(name as (typeof documentNames)[number]);
        schemas.set(name, schema);
      }
      return { body: schema };
    },
    'GET /openapi.json': async () => {
      openApi ??= openApiDocument();
      return { body: openApi };
    },
  },
});

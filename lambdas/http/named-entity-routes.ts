/**
 * Create/read/update/list routes for a named entity (datasets, feature sets), and read/list for
 * read-only ones (models): the same parsing and replies for each.
 */
import { NamedEntityCreate, NamedEntityQuery, NamedEntityUpdate } from '@talaty/schemas';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { NamedEntityService } from '../domain/named-entities.ts';
import { etagOf, type RouteHandler } from './api.ts';
import { callerOf } from './identity.ts';
import { bodyOf, expectedVersionOf, pathOf, queryOf } from './request.ts';

/** The routes `collection` and `collection/{param}` for a named-entity service. */
export function namedEntityRoutes(
  service: NamedEntityService,
  collection: string,
  param: string,
  options: { readonly writable: boolean },
): Record<string, RouteHandler> {
  const idOf = (event: APIGatewayProxyEvent): string => pathOf(event, [param])[param] as string;
  const read: Record<string, RouteHandler> = {
    [`GET ${collection}`]: async (event) => ({ body: await service.list(queryOf(event, NamedEntityQuery)) }),
    [`GET ${collection}/{${param}}`]: async (event) => {
      const entity = await service.get(idOf(event));
      return { body: entity, headers: etagOf(entity) };
    },
  };
  if (!options.writable) return read;
  return {
    ...read,
    [`POST ${collection}`]: async (event) => {
      const entity = await service.create(bodyOf(event, NamedEntityCreate), callerOf(event));
      return { status: 201, body: entity, headers: { ...etagOf(entity), Location: `${collection}/${entity.id}` } };
    },
    [`PATCH ${collection}/{${param}}`]: async (event) => {
      const id = idOf(event);
      const changes = bodyOf(event, NamedEntityUpdate);
      const entity = await service.update(id, changes, expectedVersionOf(event, changes.row_version), callerOf(event));
      return { body: entity, headers: etagOf(entity) };
    },
  };
}

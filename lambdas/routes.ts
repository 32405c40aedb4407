/**
 * The route table, as the infrastructure and the handlers see it. It is defined once, with each
 * operation's schemas, in `@talaty/schemas` (schemas/src/api.ts), which OpenAPI is generated from.
 */
export { type ApiRoute, apiRoutes, type HandlerGroup, type HttpMethod, handlerGroups, routeKey } from '@talaty/schemas';

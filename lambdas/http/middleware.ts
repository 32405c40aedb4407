/**
 * The middy middleware every route runs in: one structured JSON log line per request, the error
 * mapping, JSON responses, and CORS headers for the web origin on every answer (errors included).
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorAnswer } from './errors.ts';

export interface HttpOptions {
  readonly webOrigin: string;
  readonly group: string;
}

const corsHeaders = (origin: string) => ({
  'Access-Control-Allow-Origin': origin,
  'Access-Control-Expose-Headers': 'ETag, Location',
  Vary: 'Origin',
});

export function http(options: HttpOptions): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  let started = 0;
  const log = (event: APIGatewayProxyEvent, context: Context, status: number, extra: Record<string, unknown> = {}) => {
    const line = {
      level: status >= 500 ? 'ERROR' : 'INFO',
      message: 'request',
      group: options.group,
      request_id: event.requestContext?.requestId,
      aws_request_id: context.awsRequestId,
      method: event.httpMethod,
      resource: event.resource,
      path: event.path,
      status,
      duration_ms: Date.now() - started,
      ...extra,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  return {
    before: () => {
      started = Date.now();
    },
    after: (request) => {
      const response = request.response;
      if (response === null || response === undefined) return;
      response.headers = { ...response.headers, ...corsHeaders(options.webOrigin) };
      log(request.event, request.context, response.statusCode);
    },
    onError: (request) => {
      const answer = errorAnswer(request.error);
      request.response = {
        statusCode: answer.status,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...corsHeaders(options.webOrigin) },
        body: JSON.stringify(answer.body),
      };
      const error = request.error;
      const extra =
        answer.status >= 500
          ? { error: error?.name, error_message: error?.message, stack: error?.stack }
          : { error_code: answer.body.error.code };
      log(request.event, request.context, answer.status, extra);
    },
  };
}

/**
 * Who is calling, from what API Gateway verified: a Cognito user's `sub` for web users, the IAM
 * `userArn` for signed calls. The local gateway fills the same fields from the key it verified
 * (or the dev X-User name), so handlers never read a header to learn who someone is.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError } from './errors.ts';

export function callerOf(event: APIGatewayProxyEvent): string {
  const identity = event.requestContext?.identity;
  const provider = identity?.cognitoAuthenticationProvider;
  if (provider) {
    const sub = provider.split(':CognitoSignIn:')[1];
    if (sub) return sub;
  }
  if (identity?.userArn) return identity.userArn;
  throw new HttpError(401, 'UNAUTHENTICATED', 'The request carries no verified identity.');
}

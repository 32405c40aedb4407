import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { callerOf } from './identity.ts';

const withIdentity = (identity: Record<string, unknown>, headers: Record<string, string> = {}) =>
  ({ headers, requestContext: { identity } }) as unknown as APIGatewayProxyEvent;

describe('callerOf', () => {
  it("takes a Cognito user's sub from the authentication provider", () => {
    const provider =
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC,cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC:CognitoSignIn:7d1f3c2e-0000-4000-8000-1234567890ab';
    const event = withIdentity({
      cognitoAuthenticationProvider: provider,
      userArn: 'arn:aws:sts::1:assumed-role/web/x',
    });
    expect(callerOf(event)).toBe('7d1f3c2e-0000-4000-8000-1234567890ab');
  });

  it('takes the IAM userArn of a signed call', () => {
    expect(callerOf(withIdentity({ userArn: 'arn:aws:iam::123456789012:user/alice' }))).toBe(
      'arn:aws:iam::123456789012:user/alice',
    );
  });

  it('never believes a header, and refuses a request without a verified identity', () => {
    const spoofed = withIdentity({ userArn: null }, { 'X-User': 'mallory' });
    expect(() => callerOf(spoofed)).toThrow(HttpError);
    expect(() => callerOf({ headers: {} } as unknown as APIGatewayProxyEvent)).toThrow(/no verified identity/);
  });
});

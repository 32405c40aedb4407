/**
 * The web app's runtime configuration: the `/config.json` file served beside the app, written by the
 * CDK web construct at deploy time and by the local cloud's web server, so no address or pool id is
 * baked into the bundle.
 */
import { z } from 'zod';

/** A local dev user name, sent as `X-User` (local development only; never accepted in AWS). */
export const DEV_USER_PATTERN: RegExp = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

const HttpUrl = z.url({ protocol: /^https?$/ });

const Common = {
  stage: z.string().min(1).describe('The stage name (dev, prod, …).'),
  region: z.string().min(1).describe('The AWS region of the API (signing region).'),
  apiUrl: HttpUrl.describe('Base URL of the Metadata API, with a trailing slash.'),
};

export const LocalWebConfig = z.strictObject({
  mode: z.literal('local'),
  ...Common,
});

export const AwsWebConfig = z.strictObject({
  mode: z.literal('aws'),
  ...Common,
  cognito: z.strictObject({
    userPoolId: z.string().min(1),
    userPoolClientId: z.string().min(1),
    identityPoolId: z.string().min(1),
    domain: HttpUrl.describe(
      'Base URL of the Cognito managed login, e.g. https://talaty-dev.auth.eu-west-1.amazoncognito.com.',
    ),
  }),
});

export const WebConfig = z
  .discriminatedUnion('mode', [LocalWebConfig, AwsWebConfig])
  .describe(
    'Local: users sign in with a name sent as X-User. AWS: Cognito sign-in, API calls SigV4-signed with identity-pool credentials.',
  );
export type WebConfig = z.output<typeof WebConfig>;

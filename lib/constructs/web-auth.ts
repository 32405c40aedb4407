/**
 * Sign-in for the web app: a Cognito user pool (administrators create the users), an app client for
 * the managed login (authorization code with PKCE, no secret), its domain, and an identity pool
 * whose signed-in users get temporary credentials that may invoke this stage's API and nothing else.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Where the managed login sends the browser back with a code, and after signing out (web/src/lib/auth). */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/login';

/** The managed login's base URL for a domain prefix. */
export const managedLoginUrl = (scope: Construct, domainPrefix: string): string => {
  const region = Stack.of(scope).region;
  return `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
};

/** The Cognito endpoints the app calls to sign in (besides the managed login): the user pool and the identity pool. */
export function cognitoEndpoints(scope: Construct): string[] {
  const { region, urlSuffix } = Stack.of(scope);
  return [`https://cognito-idp.${region}.${urlSuffix}`, `https://cognito-identity.${region}.${urlSuffix}`];
}

export interface WebAuthProps {
  readonly stage: string;
  /** The origins the app is served from (https): the callback and sign-out URLs. */
  readonly appOrigins: readonly string[];
  /** The managed login's domain prefix. */
  readonly domainPrefix: string;
  /** Signed-in users may invoke every method of this API's deployment stage, and nothing else. */
  readonly api: apigw.RestApi;
  readonly removalPolicy: RemovalPolicy;
}

export class WebAuth extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;
  public readonly domain: cognito.UserPoolDomain;
  /** The managed login's base URL, e.g. https://talaty-dev-123456789012.auth.eu-west-1.amazoncognito.com. */
  public readonly domainUrl: string;
  public readonly identityPool: IdentityPool;
  /** What signed-in users may invoke: every method and path of the API's deployment stage. */
  public readonly apiInvokeArn: string;

  constructor(scope: Construct, id: string, props: WebAuthProps) {
    super(scope, id);
    const { stage, removalPolicy } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `talaty-${stage}`,
      // Administrators create the users (README, "Web app in AWS").
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection: risky sign-ins are blocked or challenged, compromised passwords refused.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.domainUrl = this.domain.baseUrl();

    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `talaty-${stage}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.appOrigins.map((origin) => `${origin}${CALLBACK_PATH}`),
        logoutUrls: props.appOrigins.map((origin) => `${origin}${SIGNED_OUT_PATH}`),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; the app keeps its tokens in sessionStorage, gone with the tab.
      refreshTokenValidity: Duration.hours(12),
    });
    // The newer managed login shows Cognito's own look until someone designs a brand.
    const branding = new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    this.identityPool = new IdentityPool(this, 'IdentityPool', {
      identityPoolName: `talaty_${stage.replace(/-/g, '_')}_web`,
      allowUnauthenticatedIdentities: false,
      authenticationProviders: {
        userPools: [new UserPoolAuthenticationProvider({ userPool: this.userPool, userPoolClient: this.client })],
      },
    });
    this.apiInvokeArn = props.api.arnForExecuteApi('*', '/*', props.api.deploymentStage.stageName);
    this.identityPool.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [this.apiInvokeArn] }),
    );
  }
}

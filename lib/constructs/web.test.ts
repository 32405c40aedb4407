/**
 * The web construct as synthesized: the private bucket behind CloudFront's origin access control,
 * the headers and SPA routing, the Cognito pools and the one thing signed-in users may do, and the
 * three deployments (config.json written at deploy). A small stack around a stand-in API.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WebConfig } from '@talaty/schemas';
import { type CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, webFixtureDir } from '../test-support.ts';
import { SPA_ROUTING_CODE, Web, type WebProps } from './web.ts';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from './web-auth.ts';

/** Template JSON, as `Template.toJSON()` gives it: its shape is what the assertions check. */
// biome-ignore lint/suspicious/noExplicitAny: untyped CloudFormation JSON, read only by assertions
type Cfn = any;
type Resource = { Type: string; Properties: Cfn; DependsOn?: string[] };

interface Synthesized {
  readonly stack: Stack;
  readonly web: Web;
  readonly api: apigw.RestApi;
  readonly artifacts: s3.Bucket;
  readonly template: Template;
  readonly resources: Record<string, Resource>;
  readonly outdir: string;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function synth(options: Partial<WebProps> = {}, removalPolicy = RemovalPolicy.DESTROY): Synthesized {
  const app = testApp();
  outdirs.push(app.outdir);
  const stack = new Stack(app, 'Test');
  const api = new apigw.RestApi(stack, 'Api', { deployOptions: { stageName: 'test' } });
  api.root.addMethod('GET', new apigw.MockIntegration(), { authorizationType: apigw.AuthorizationType.IAM });
  const artifacts = new s3.Bucket(stack, 'Artifacts');
  const accessLogs = new s3.Bucket(stack, 'AccessLogs');
  const web = new Web(stack, 'Web', {
    stage: 'test',
    assetDir: webFixtureDir,
    api,
    artifactsBucket: artifacts as s3.IBucket,
    accessLogsBucket: accessLogs as s3.IBucket,
    webOrigin: 'http://127.0.0.1:5173',
    removalPolicy,
    logRetention: RetentionDays.ONE_MONTH,
    ...options,
  });
  const template = Template.fromStack(stack);
  return { stack, web, api, artifacts, template, resources: template.toJSON().Resources, outdir: app.outdir };
}

let plain: Synthesized;
beforeAll(() => {
  plain = synth();
}, 60_000);

const id = (stack: Stack, scope: IConstruct) => stack.getLogicalId(scope.node.defaultChild as CfnElement);
const ofType = (s: Synthesized, type: string) => Object.entries(s.resources).filter(([, r]) => r.Type === type);
const only = (s: Synthesized, type: string): Resource => {
  const found = ofType(s, type);
  expect(found, type).toHaveLength(1);
  return found[0]?.[1] as Resource;
};
const distributionConfig = (s: Synthesized) => only(s, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;

describe('the web bucket and the distribution', () => {
  it('keeps the bucket private, encrypted, TLS-only and logged, readable by this distribution alone', () => {
    const { stack, web, resources } = plain;
    const bucket = resources[id(stack, web.bucket)]?.Properties;
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogs/) },
        LogFilePrefix: 'web/',
      },
    });
    expect(bucket?.WebsiteConfiguration).toBeUndefined();
    const [, policy] =
      ofType(plain, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === id(stack, web.bucket)) ?? [];
    const statements = policy?.Properties.PolicyDocument.Statement as Cfn[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    const denies = statements.filter((s) => s.Effect === 'Deny');
    expect(denies).toEqual([
      expect.objectContaining({ Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    // One grant: CloudFront, for this distribution only, may read objects and list (so a missing file is a 404).
    expect(allows).toHaveLength(1);
    const [allow] = allows as [Cfn];
    expect([allow.Action].flat().sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(allow.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allow.Condition).toEqual({
      StringEquals: { 'AWS:SourceArn': stack.resolve(web.distribution.distributionArn) },
    });
    const bucketArn = { 'Fn::GetAtt': [id(stack, web.bucket), 'Arn'] };
    expect(allow.Resource).toEqual(expect.arrayContaining([bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }]));
  });

  it('serves index.html at the root, over HTTPS only, through origin access control, with logs', () => {
    const { stack, web } = plain;
    const config = distributionConfig(plain);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.Origins).toEqual([
      expect.objectContaining({
        DomainName: { 'Fn::GetAtt': [id(stack, web.bucket), 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    ]);
    only(plain, 'AWS::CloudFront::OriginAccessControl');
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [id(stack, web.distributionLogsBucket), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    const headers = { Ref: id(stack, web.headers) };
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        ResponseHeadersPolicyId: headers,
        Compress: true,
      });
    }
    // App routes get index.html; the hashed assets are files, never rewritten.
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [id(stack, web.spaRouting), 'FunctionARN'] } },
    ]);
    expect(config.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: 'assets/*' })]);
    expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });

  it('sends the security headers, with a CSP that lets the app call only the API, the artifact bucket and Cognito', () => {
    const { stack, api, artifacts } = plain;
    const policy = only(plain, 'AWS::CloudFront::ResponseHeadersPolicy').Properties.ResponseHeadersPolicyConfig;
    const security = policy.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 730 * 86400,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    // The CSP as text, each token named by its reference.
    const csp = (stack.resolve(security.ContentSecurityPolicy.ContentSecurityPolicy)['Fn::Join'][1] as unknown[])
      .map((part) => (typeof part === 'string' ? part : `{${JSON.stringify(part)}}`))
      .join('');
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as [string, string[]]),
    );
    const ref = (value: unknown) => `{${JSON.stringify(value)}}`;
    const region = ref({ Ref: 'AWS::Region' });
    const suffix = ref({ Ref: 'AWS::URLSuffix' });
    const artifactsOrigin = `https://${ref({ 'Fn::GetAtt': [id(stack, artifacts), 'RegionalDomainName'] })}`;
    const login = `https://talaty-test-${ref({ Ref: 'AWS::AccountId' })}.auth.${region}.amazoncognito.com`;
    expect(directives['connect-src']).toEqual([
      "'self'",
      `https://${ref({ Ref: id(stack, api) })}.execute-api.${region}.${suffix}`,
      artifactsOrigin,
      `https://cognito-idp.${region}.${suffix}`,
      `https://cognito-identity.${region}.${suffix}`,
      login,
    ]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'self'", login]);
    expect(directives['frame-src']).toEqual(["'self'", artifactsOrigin]);
    expect(csp).not.toContain('unsafe');
    // CloudFront's limit on the header.
    expect(csp.length).toBeLessThan(1783);
  });

  it('rewrites extension-less paths (app routes) to /index.html and leaves files alone', () => {
    const fn = only(plain, 'AWS::CloudFront::Function').Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(SPA_ROUTING_CODE);
    const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (event: unknown) => { uri: string };
    const route = (uri: string) => handler({ request: { uri, method: 'GET', headers: {} } }).uri;
    expect(route('/')).toBe('/index.html');
    expect(route('/datasets')).toBe('/index.html');
    expect(route('/datasets/8d1c6f0e-1c1a-4c35-9d5f-0c9e6a1b2c3d/versions/2')).toBe('/index.html');
    expect(route('/runs/compare')).toBe('/index.html');
    expect(route('/feature-sets/v1.2/versions/3')).toBe('/index.html');
    expect(route('/index.html')).toBe('/index.html');
    expect(route('/config.json')).toBe('/config.json');
    expect(route('/assets/index-Bx1y2z.js')).toBe('/assets/index-Bx1y2z.js');
    expect(route('/assets/missing-chunk.js')).toBe('/assets/missing-chunk.js');
    expect(route('/favicon.ico')).toBe('/favicon.ico');
  });

  it('uses its own domain name and certificate, with TLS 1.2, when given one', () => {
    const custom = synth({
      webOrigin: 'https://talaty.example.com',
      domain: {
        domainName: 'talaty.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      },
    });
    const config = distributionConfig(custom);
    expect(config.Aliases).toEqual(['talaty.example.com']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(custom.web.url).toBe('https://talaty.example.com');
    const client = only(custom, 'AWS::Cognito::UserPoolClient').Properties;
    expect(client.CallbackURLs).toEqual([`https://talaty.example.com${CALLBACK_PATH}`]);
    expect(client.LogoutURLs).toEqual([`https://talaty.example.com${SIGNED_OUT_PATH}`]);
  });
});

describe('sign-in', () => {
  it('has a user pool administrators fill: email sign-in, strong passwords, TOTP MFA, threat protection', () => {
    const pool = only(plain, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      UserPoolName: 'talaty-test',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    expect(pool.Properties.DeletionProtection).toBe('INACTIVE');
    expect(pool).toMatchObject({ DeletionPolicy: 'Delete' });
    const retained = only(synth({}, RemovalPolicy.RETAIN), 'AWS::Cognito::UserPool');
    expect(retained.Properties.DeletionProtection).toBe('ACTIVE');
    expect(retained).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('has a public client for the managed login: authorization code (PKCE), no secret, callbacks on the app', () => {
    const { stack, web } = plain;
    const client = only(plain, 'AWS::Cognito::UserPoolClient').Properties;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    // The distribution's origin; the configured http://127.0.0.1 origin is no Cognito callback.
    const origin = stack.resolve(web.url);
    const at = (path: string) => ({ 'Fn::Join': ['', [...origin['Fn::Join'][1], path]] });
    expect(client.CallbackURLs).toEqual([at(CALLBACK_PATH)]);
    expect(client.LogoutURLs).toEqual([at(SIGNED_OUT_PATH)]);
    expect(only(plain, 'AWS::Cognito::UserPoolDomain').Properties).toMatchObject({
      Domain: { 'Fn::Join': ['', ['talaty-test-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 2,
    });
    expect(only(plain, 'AWS::Cognito::ManagedLoginBranding').Properties).toMatchObject({
      UseCognitoProvidedValues: true,
      ClientId: { Ref: id(stack, web.auth.client) },
    });
  });

  it('gives signed-in users (and nobody else) a role that may only invoke this stage of this API', () => {
    const { stack, web, api, resources } = plain;
    const pool = only(plain, 'AWS::Cognito::IdentityPool').Properties;
    expect(pool.AllowUnauthenticatedIdentities).toBe(false);
    expect(pool.AllowClassicFlow).toBeFalsy();
    expect(pool.CognitoIdentityProviders).toEqual([
      expect.objectContaining({ ClientId: { Ref: id(stack, web.auth.client) }, ServerSideTokenCheck: true }),
    ]);
    const authenticated = id(stack, web.auth.identityPool.authenticatedRole);
    const attachment = only(plain, 'AWS::Cognito::IdentityPoolRoleAttachment').Properties;
    expect(attachment.Roles.authenticated).toEqual({ 'Fn::GetAtt': [authenticated, 'Arn'] });

    const role = resources[authenticated]?.Properties;
    expect(role?.ManagedPolicyArns).toBeUndefined();
    expect(role?.Policies).toBeUndefined();
    expect(role?.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: id(stack, web.auth.identityPool) } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
    const policies = ofType(plain, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(`"${authenticated}"`),
    );
    expect(policies).toHaveLength(1);
    const invoke = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':execute-api:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':',
          { Ref: id(stack, api) },
          '/',
          { Ref: id(stack, api.deploymentStage) },
          '/*/*',
        ],
      ],
    };
    expect(policies[0]?.[1].Properties.PolicyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: invoke },
    ]);
    // The unauthenticated role exists (the identity pool construct makes one) but no identity gets it, and it may do nothing.
    const unauthenticated = id(stack, web.auth.identityPool.unauthenticatedRole);
    expect(resources[unauthenticated]?.Properties.Policies).toBeUndefined();
    expect(resources[unauthenticated]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(JSON.stringify(ofType(plain, 'AWS::IAM::Policy'))).not.toContain(`"${unauthenticated}"`);
  });
});

describe('the deployments', () => {
  const deployments = (s: Synthesized) =>
    Object.fromEntries(
      Object.entries(s.web.deployments).map(([name, d]) => {
        const resource = ofType(s, 'Custom::CDKBucketDeployment').find(([logical]) =>
          logical.startsWith(s.stack.getLogicalId(d.node.findChild('CustomResource').node.defaultChild as CfnElement)),
        );
        return [name, resource?.[1].Properties as Cfn];
      }),
    );

  it('writes config.json at deploy time with the API URL, the region and the pool ids', () => {
    const { stack, web, api } = plain;
    const resolved = stack.resolve(web.runtimeConfig);
    expect(resolved).toEqual({
      mode: 'aws',
      stage: 'test',
      region: { Ref: 'AWS::Region' },
      apiUrl: stack.resolve(api.url),
      cognito: {
        userPoolId: { Ref: id(stack, web.auth.userPool) },
        userPoolClientId: { Ref: id(stack, web.auth.client) },
        identityPoolId: { Ref: id(stack, web.auth.identityPool) },
        domain: stack.resolve(web.auth.domainUrl),
      },
    });
    // The shape is the app's: every token stood in for by a URL, the schema accepts it.
    const standIn = (value: unknown): unknown =>
      typeof value === 'string'
        ? value
        : 'Ref' in (value as object) || 'Fn::Join' in (value as object) || 'Fn::GetAtt' in (value as object)
          ? 'https://token.example/'
          : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, standIn(v)]));
    expect(WebConfig.safeParse(standIn(resolved)).success).toBe(true);
    const { config } = deployments(plain);
    expect(config).toMatchObject({
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: id(stack, web.distribution) },
      DistributionPaths: ['/config.json'],
    });
    const markers = JSON.stringify(config?.SourceMarkers);
    for (const scope of [web.auth.userPool, web.auth.client, web.auth.identityPool, web.auth.domain, api]) {
      expect(markers).toContain(`{"Ref":"${id(stack, scope)}"}`);
    }
  });

  it('deploys the hashed assets for a year (never pruned), then the rest no-cache, pruned but for config.json', () => {
    const { web, resources } = plain;
    const { assets, app } = deployments(plain);
    expect(assets).toMatchObject({
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      DistributionPaths: ['/assets/*'],
    });
    expect(app).toMatchObject({
      Exclude: ['assets/*', 'config.json'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    expect(app?.Include).toBeUndefined();
    // index.html goes live only after the assets it names.
    const appId = ofType(plain, 'Custom::CDKBucketDeployment').find(([, r]) => r.Properties === app)?.[0] as string;
    const assetsId = ofType(plain, 'Custom::CDKBucketDeployment').find(([, r]) => r.Properties === assets)?.[0];
    expect(resources[appId]?.DependsOn).toContain(assetsId);
    // One AWS CLI layer for the one deployment function.
    expect(ofType(plain, 'AWS::Lambda::LayerVersion')).toHaveLength(1);
    expect(web.deployments.app.handlerRole).toBe(web.deployments.config.handlerRole);
  });

  it('stages the built app without the build stamp, the Vite manifest or a stray config.json', () => {
    const staged = readdirSync(plain.outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(plain.outdir, name))
      .filter((dir) => existsSync(join(dir, 'index.html')));
    expect(staged).toHaveLength(1);
    const [dir] = staged as [string];
    expect(existsSync(join(dir, 'assets', 'index-fixture.css'))).toBe(true);
    expect(existsSync(join(dir, '.build-hash'))).toBe(false);
    expect(existsSync(join(dir, '.vite'))).toBe(false);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    expect(existsSync(join(webFixtureDir, 'config.json'))).toBe(true);
  });

  it('keeps the deployment logs as long as the stage keeps its logs', () => {
    const groups = ofType(plain, 'AWS::Logs::LogGroup');
    expect(groups.map(([, g]) => g.Properties.RetentionInDays)).toEqual([30]);
    const fn = ofType(plain, 'AWS::Lambda::Function').map(([, f]) => f.Properties);
    expect(fn).toEqual([expect.objectContaining({ LoggingConfig: { LogGroup: { Ref: groups[0]?.[0] } } })]);
  });
});

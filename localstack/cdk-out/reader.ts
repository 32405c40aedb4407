/**
 * Reads a synthesized cloud assembly (`cdk.out`) into what the local cloud runs: each Lambda
 * function's bundle, handler, environment (intrinsics resolved to local values), timeout and
 * memory; the REST API's routes and CORS settings; custom resources and the functions behind them;
 * state machines, ECS task definitions (each container's environment and the directory of its image
 * asset), scheduled rules, and the asynchronous invocation settings of functions (retries, event
 * age, destinations). The template is the only route table and function list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalFunction } from '../lambda/functions.ts';
import { IntrinsicResolver, type LocalAccount, localName, type Template } from './intrinsics.ts';

export interface ApiRouteInTemplate {
  readonly method: string;
  readonly path: string;
  readonly authorizationType: string;
  /** The logical id of the function behind a proxy integration; null for MOCK (CORS) methods. */
  readonly functionName: string | null;
}

export interface CustomResourceInTemplate {
  readonly logicalId: string;
  readonly type: string;
  /** The function that handles its events (behind the Provider framework, if any). */
  readonly functionName: string;
  readonly properties: Record<string, unknown>;
}

export interface ScheduleTarget {
  readonly functionName: string;
  /** The target's constant `Input` (JSON), sent in place of the scheduled event; undefined when none. */
  readonly input: unknown;
}

export interface ScheduleInTemplate {
  readonly logicalId: string;
  readonly expression: string;
  /** False for a rule whose State is DISABLED. */
  readonly enabled: boolean;
  readonly functionNames: string[];
  readonly targets: ScheduleTarget[];
}

/** Where an asynchronous invocation's outcome goes: a function of the app, or another ARN (not run locally). */
export interface DestinationInTemplate {
  /** The logical id of the destination function; null when the destination is no function of the app. */
  readonly functionName: string | null;
  readonly arn: string;
}

/** An `AWS::Lambda::EventInvokeConfig`: how Lambda retries and routes a function's asynchronous events. */
export interface AsyncConfigInTemplate {
  readonly logicalId: string;
  /** The logical id of the function it configures. */
  readonly functionName: string;
  /** 0–2; Lambda's default (2) when undefined. */
  readonly maximumRetryAttempts: number | undefined;
  /** 60–21600; Lambda's default (21600) when undefined. */
  readonly maximumEventAgeInSeconds: number | undefined;
  readonly onFailure: DestinationInTemplate | null;
  readonly onSuccess: DestinationInTemplate | null;
}

export interface StateMachineInTemplate {
  readonly logicalId: string;
  /** Its local name, as its ARN ends. */
  readonly name: string;
  /** Its ARN as `Ref` resolves it locally (what the functions get in their environment). */
  readonly arn: string;
  /** STANDARD unless the template says EXPRESS. */
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string | null;
  readonly definition: unknown;
}

export interface ContainerInTemplate {
  readonly name: string;
  /** The container's `Environment`, intrinsics resolved to local values. */
  readonly environment: Readonly<Record<string, string>>;
  /** The container's `Command`; null when the image's own CMD applies. */
  readonly command: readonly string[] | null;
  /**
   * The image's Docker asset directory in the assembly (`<cdk.out>/asset.<hash>`), found through
   * `<stack>.assets.json` by the image tag; null when the image is no asset of this app.
   */
  readonly assetDirectory: string | null;
}

export interface TaskDefinitionInTemplate {
  readonly logicalId: string;
  /** The `Family` (CDK always sets one); the logical id's local name when the template has none. */
  readonly family: string;
  /** `arn:aws:ecs:<region>:<account>:task-definition/<family>:1`: locally every definition is revision 1. */
  readonly arn: string;
  /** The name `Ref`/`GetAtt` resolve it to locally, which definitions may name it by. */
  readonly localName: string;
  readonly containers: ContainerInTemplate[];
}

export interface LocalApp {
  readonly stackName: string;
  /** The account, region and stack the local names and ARNs are made for. */
  readonly account: LocalAccount;
  readonly functions: LocalFunction[];
  readonly routes: ApiRouteInTemplate[];
  readonly cors: { readonly allowHeaders: string; readonly allowMethods: string } | null;
  readonly customResources: CustomResourceInTemplate[];
  readonly schedules: ScheduleInTemplate[];
  readonly stateMachines: StateMachineInTemplate[];
  readonly taskDefinitions: TaskDefinitionInTemplate[];
  readonly asyncConfigs: AsyncConfigInTemplate[];
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface ReadOptions {
  readonly region: string;
  readonly accountId?: string;
  /** Local values for resources: `<logicalId>` or `<logicalId>.<attribute>` → value. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Environment variables forced on every function (e.g. the local web origin). */
  readonly environment?: Readonly<Record<string, string>>;
}

const unquote = (value: unknown) => (typeof value === 'string' ? value.replace(/^'|'$/g, '') : '');

type Manifest = { artifacts: Record<string, { type: string; properties?: { templateFile?: string; file?: string } }> };

/** Image tag → asset directory, from the stack's asset manifest (`dockerImages[<hash>].source.directory`). */
function dockerAssets(dir: string, manifest: Manifest, stackName: string): Map<string, string> {
  const file = manifest.artifacts[`${stackName}.assets`]?.properties?.file ?? `${stackName}.assets.json`;
  if (!existsSync(join(dir, file))) return new Map();
  const assets = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    dockerImages?: Record<
      string,
      { source?: { directory?: string }; destinations?: Record<string, { imageTag?: string }> }
    >;
  };
  const byTag = new Map<string, string>();
  for (const [hash, image] of Object.entries(assets.dockerImages ?? {})) {
    const directory = image.source?.directory;
    if (directory === undefined) continue;
    byTag.set(hash, join(dir, directory));
    for (const destination of Object.values(image.destinations ?? {})) {
      if (destination.imageTag !== undefined) byTag.set(destination.imageTag, join(dir, directory));
    }
  }
  return byTag;
}

export function readCloudAssembly(dir: string, stackName: string, options: ReadOptions): LocalApp {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const artifact = manifest.artifacts[stackName];
  if (artifact?.properties?.templateFile === undefined) {
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([name]) => name);
    throw new Error(`${dir} has no stack ${stackName}; it has ${stacks.join(', ') || 'none'}`);
  }
  const template = JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as Template & {
    Resources: Record<string, Resource>;
  };
  const account: LocalAccount = { region: options.region, accountId: options.accountId ?? '000000000000', stackName };
  const resolver = new IntrinsicResolver(template, account, options.overrides);
  const resources = Object.entries(template.Resources);
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);

  const functions: LocalFunction[] = ofType('AWS::Lambda::Function').flatMap(([id, r]) => {
    const props = r.Properties ?? {};
    const assetPath = r.Metadata?.['aws:asset:path'];
    const handler = String(props.Handler ?? 'index.handler');
    if (typeof assetPath !== 'string') return []; // inline code (e.g. CDK's own helpers) does not run locally
    const [module, exportName] = [
      handler.slice(0, handler.lastIndexOf('.')),
      handler.slice(handler.lastIndexOf('.') + 1),
    ];
    const base = join(dir, assetPath, module);
    const file = ['.mjs', '.js', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
    if (file === undefined) return [];
    const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const environment = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [name, resolver.resolveString(value, `${id} ${name}`)]),
    );
    return [
      {
        name: id,
        file,
        exportName,
        environment: { ...environment, ...options.environment },
        timeoutSeconds: Number(props.Timeout ?? 3),
        memoryMb: Number(props.MemorySize ?? 128),
      },
    ];
  });
  const functionIds = new Set(functions.map((f) => f.name));

  /** The function logical id inside an integration URI or ARN expression. */
  const functionIn = (value: unknown): string | null => {
    const text = JSON.stringify(value ?? null);
    for (const id of functionIds) if (text.includes(`"${id}"`)) return id;
    return null;
  };

  const pathOf = (resourceId: string | null): string => {
    if (resourceId === null) return '';
    const r = template.Resources[resourceId] as Resource | undefined;
    if (r?.Type !== 'AWS::ApiGateway::Resource') return '';
    const parent = (r.Properties?.ParentId as { Ref?: string } | undefined)?.Ref ?? null;
    return `${pathOf(parent)}/${String(r.Properties?.PathPart)}`;
  };

  let cors: LocalApp['cors'] = null;
  const routes: ApiRouteInTemplate[] = ofType('AWS::ApiGateway::Method').map(([, r]) => {
    const props = r.Properties ?? {};
    const resourceRef = (props.ResourceId as { Ref?: string } | undefined)?.Ref ?? null;
    const integration = props.Integration as { Type?: string; Uri?: unknown; IntegrationResponses?: unknown[] };
    const method = String(props.HttpMethod);
    if (method === 'OPTIONS' && cors === null) {
      const params = (integration?.IntegrationResponses?.[0] as { ResponseParameters?: Record<string, unknown> })
        ?.ResponseParameters;
      if (params !== undefined) {
        cors = {
          allowHeaders: unquote(params['method.response.header.Access-Control-Allow-Headers']),
          allowMethods: unquote(params['method.response.header.Access-Control-Allow-Methods']),
        };
      }
    }
    return {
      method,
      path: pathOf(resourceRef) || '/',
      authorizationType: String(props.AuthorizationType ?? 'NONE'),
      functionName: integration?.Type === 'AWS_PROXY' ? functionIn(integration.Uri) : null,
    };
  });

  const customResources: CustomResourceInTemplate[] = resources
    .filter(([, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource')
    .flatMap(([id, r]) => {
      const { ServiceToken, ...properties } = r.Properties ?? {};
      const provider = functionIn(ServiceToken);
      const providerProps = provider === null ? undefined : template.Resources[provider]?.Properties;
      const userFunction = functionIn(
        (providerProps?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.USER_ON_EVENT_FUNCTION_ARN,
      );
      const fn = userFunction ?? provider;
      return fn === null ? [] : [{ logicalId: id, type: r.Type, functionName: fn, properties }];
    });

  const schedules: ScheduleInTemplate[] = ofType('AWS::Events::Rule').flatMap(([id, r]) => {
    const expression = r.Properties?.ScheduleExpression;
    if (typeof expression !== 'string') return [];
    const targets = ((r.Properties?.Targets as Array<{ Arn?: unknown; Input?: unknown }> | undefined) ?? []).flatMap(
      (t) => {
        const functionName = functionIn(t.Arn);
        if (functionName === null) return [];
        const input = typeof t.Input === 'string' ? JSON.parse(t.Input) : undefined;
        return [{ functionName, input }];
      },
    );
    const enabled = r.Properties?.State !== 'DISABLED';
    return [{ logicalId: id, expression, enabled, functionNames: targets.map((t) => t.functionName), targets }];
  });

  const destination = (value: unknown): DestinationInTemplate | null => {
    if (value === undefined || value === null) return null;
    return { functionName: functionIn(value), arn: resolver.resolveString(value, 'an invoke destination') };
  };
  const asyncConfigs: AsyncConfigInTemplate[] = ofType('AWS::Lambda::EventInvokeConfig').flatMap(([id, r]) => {
    const props = r.Properties ?? {};
    const functionName = functionIn(props.FunctionName);
    if (functionName === null) return [];
    const config = props.DestinationConfig as
      | { OnFailure?: { Destination?: unknown }; OnSuccess?: { Destination?: unknown } }
      | undefined;
    const optionalNumber = (v: unknown) => (v === undefined ? undefined : Number(v));
    return [
      {
        logicalId: id,
        functionName,
        maximumRetryAttempts: optionalNumber(props.MaximumRetryAttempts),
        maximumEventAgeInSeconds: optionalNumber(props.MaximumEventAgeInSeconds),
        onFailure: destination(config?.OnFailure?.Destination),
        onSuccess: destination(config?.OnSuccess?.Destination),
      },
    ];
  });

  const stateMachines: StateMachineInTemplate[] = ofType('AWS::StepFunctions::StateMachine').map(([id, r]) => {
    const definition = r.Properties?.DefinitionString ?? r.Properties?.Definition;
    const resolved = typeof definition === 'object' ? resolver.resolve(definition) : definition;
    const arn = resolver.resolveString({ Ref: id }, `${id} Ref`);
    const role = r.Properties?.RoleArn;
    return {
      logicalId: id,
      name: arn.slice(arn.lastIndexOf(':') + 1),
      arn,
      type: r.Properties?.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      roleArn: role === undefined ? null : resolver.resolveString(role, `${id} RoleArn`),
      definition: typeof resolved === 'string' ? JSON.parse(resolved) : resolved,
    };
  });

  const images = dockerAssets(dir, manifest, stackName);
  const taskDefinitions: TaskDefinitionInTemplate[] = ofType('AWS::ECS::TaskDefinition').map(([id, r]) => {
    const props = r.Properties ?? {};
    const local = localName(account, id);
    const family = props.Family === undefined ? local : resolver.resolveString(props.Family, `${id} Family`);
    type Container = {
      Name?: unknown;
      Image?: unknown;
      Command?: unknown[];
      Environment?: Array<{ Name: string; Value: unknown }>;
    };
    const containers = ((props.ContainerDefinitions as Container[] | undefined) ?? []).map((c) => {
      const name = resolver.resolveString(c.Name, `${id} container Name`);
      const where = `${id} container ${name}`;
      const image = c.Image === undefined ? '' : resolver.resolveString(c.Image, `${where} Image`);
      const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : '';
      return {
        name,
        environment: Object.fromEntries(
          (c.Environment ?? []).map((v) => [v.Name, resolver.resolveString(v.Value, `${where} ${v.Name}`)]),
        ),
        command:
          c.Command === undefined ? null : c.Command.map((part) => resolver.resolveString(part, `${where} Command`)),
        assetDirectory: images.get(tag) ?? null,
      };
    });
    const arn = `arn:aws:ecs:${account.region}:${account.accountId}:task-definition/${family}:1`;
    return { logicalId: id, family, arn, localName: local, containers };
  });

  return {
    stackName,
    account,
    functions,
    routes,
    cors,
    customResources,
    schedules,
    stateMachines,
    taskDefinitions,
    asyncConfigs,
  };
}

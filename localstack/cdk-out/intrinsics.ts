/**
 * Resolving CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, pseudo
 * parameters) to local values, so a function's environment in the template becomes the environment
 * of its local execution. A resource resolves by its type: a bucket to a local bucket name, a
 * cluster or secret to a local ARN, and so on.
 */

export type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

export interface LocalAccount {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
}

/** A stable, readable local name for a resource: `<stack>-<logical id>` in lower case. */
export const localName = (account: LocalAccount, logicalId: string): string =>
  `${account.stackName}-${logicalId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63);

function arnOf(type: string, name: string, a: LocalAccount): string {
  const prefix = (service: string, global = false) =>
    `arn:aws:${service}:${global ? '' : a.region}:${global ? '' : a.accountId}`;
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${name}`;
    case 'AWS::RDS::DBCluster':
      return `${prefix('rds')}:cluster:${name}`;
    case 'AWS::SecretsManager::Secret':
      return `${prefix('secretsmanager')}:secret:${name}`;
    case 'AWS::Lambda::Function':
      return `${prefix('lambda')}:function:${name}`;
    case 'AWS::StepFunctions::StateMachine':
      return `${prefix('states')}:stateMachine:${name}`;
    case 'AWS::IAM::Role':
      return `${prefix('iam', true)}${a.accountId}:role/${name}`;
    case 'AWS::SQS::Queue':
      return `${prefix('sqs')}:${name}`;
    case 'AWS::ECS::Cluster':
      return `${prefix('ecs')}:cluster/${name}`;
    case 'AWS::ECS::TaskDefinition':
      return `${prefix('ecs')}:task-definition/${name}:1`;
    case 'AWS::Logs::LogGroup':
      return `${prefix('logs')}:log-group:${name}`;
    default:
      return `${prefix(type.split('::')[1]?.toLowerCase() ?? 'local')}:${name}`;
  }
}

/** What `Ref` returns for a resource of this type: an ARN for these, its name for the rest. */
const refIsArn = new Set(['AWS::SecretsManager::Secret', 'AWS::StepFunctions::StateMachine', 'AWS::SNS::Topic']);

export class IntrinsicResolver {
  constructor(
    private readonly template: Template,
    private readonly account: LocalAccount,
    /** Values that replace a resource's Ref/GetAtt, e.g. the emulator's cluster ARN. */
    private readonly overrides: Readonly<Record<string, string>> = {},
  ) {}

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined) {
      if (key === 'Ref') return this.ref(arg as string);
      if (key === 'Fn::GetAtt') {
        const [id, attr] = typeof arg === 'string' ? (arg.split('.') as [string, string]) : (arg as [string, string]);
        return this.getAtt(id, attr);
      }
      if (key === 'Fn::Join') {
        const [sep, parts] = arg as [string, unknown[]];
        return (this.resolve(parts) as unknown[]).join(sep);
      }
      if (key === 'Fn::Select') {
        const [index, list] = arg as [number, unknown];
        return (this.resolve(list) as unknown[])[Number(index)];
      }
      if (key === 'Fn::Split') {
        const [sep, source] = arg as [string, unknown];
        return String(this.resolve(source)).split(sep);
      }
      if (key === 'Fn::Sub') return this.sub(arg);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  /** A string, or an error naming what could not be resolved. */
  resolveString(value: unknown, where: string): string {
    const resolved = this.resolve(value);
    if (typeof resolved !== 'string' && typeof resolved !== 'number' && typeof resolved !== 'boolean') {
      throw new Error(`${where}: cannot resolve ${JSON.stringify(value)} to a local value`);
    }
    return String(resolved);
  }

  private ref(id: string): string {
    switch (id) {
      case 'AWS::Region':
        return this.account.region;
      case 'AWS::AccountId':
        return this.account.accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.account.stackName;
      case 'AWS::NoValue':
        return '';
    }
    const override = this.overrides[id];
    if (override !== undefined) return override;
    const resource = this.template.Resources[id];
    if (resource === undefined) throw new Error(`Ref to unknown resource ${id}`);
    const name = localName(this.account, id);
    return refIsArn.has(resource.Type) ? arnOf(resource.Type, name, this.account) : name;
  }

  private getAtt(id: string, attribute: string): string {
    const override =
      this.overrides[`${id}.${attribute}`] ?? (attribute.endsWith('Arn') ? this.overrides[id] : undefined);
    if (override !== undefined) return override;
    const resource = this.template.Resources[id];
    if (resource === undefined) throw new Error(`Fn::GetAtt on unknown resource ${id}`);
    const name = localName(this.account, id);
    if (attribute === 'Arn' || attribute.endsWith('Arn')) return arnOf(resource.Type, name, this.account);
    return name;
  }

  private sub(arg: unknown): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
    return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in vars) return String(this.resolve(vars[name]));
      return name.includes('.') ? this.getAtt(...(name.split('.', 2) as [string, string])) : this.ref(name);
    });
  }
}

/**
 * Database migrations at deploy time: a custom resource (Provider framework) whose function,
 * `lambdas/handlers/migrate.ts`, applies pending migrations through the Data API. Its properties
 * carry a hash of the migration SQL, so a new migration changes the resource and runs again.
 */
import { createHash } from 'node:crypto';
import { CustomResource, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IDependable } from 'constructs';
import { envNames } from '../../lambdas/environment.ts';
import type { DataAccess } from './data.ts';
import { HandlerFunction } from './handler-function.ts';

export interface MigrationSource {
  readonly id: string;
  readonly sql: string;
}

/** sha256 over the ordered ids and SQL texts: any new, removed or edited migration changes it. */
export function migrationsHash(migrations: readonly MigrationSource[]): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.id}\n${m.sql.length}\n${m.sql}\n`);
  return hash.digest('hex');
}

export interface MigrationsProps {
  readonly stage: string;
  readonly version: string;
  readonly migrations: readonly MigrationSource[];
  readonly data: DataAccess;
  /** The resource runs after these (the cluster with its writer instance, the credentials). */
  readonly dependsOn: readonly IDependable[];
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** @default Duration.minutes(5): a paused Aurora cluster takes a while to resume */
  readonly timeout?: Duration;
}

export class Migrations extends Construct {
  public readonly handler: HandlerFunction;
  public readonly provider: cr.Provider;
  public readonly providerRole: iam.Role;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Migrate', {
      entry: 'lambdas/handlers/migrate.ts',
      description: `Talaty ${props.stage}: applies database migrations at deploy`,
      environment: {
        [envNames.stage]: props.stage,
        [envNames.version]: props.version,
        ...props.data.databaseEnvironment,
      },
      timeout: props.timeout ?? Duration.minutes(5),
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    props.data.grantDatabase(this.handler.function);

    // The framework's onEvent function: its own log group and a role without managed policies.
    const providerLogs = new logs.LogGroup(this, 'ProviderLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.providerRole = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the custom-resource provider framework for the migrations',
    });
    providerLogs.grantWrite(this.providerRole);
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler.function,
      frameworkOnEventRole: this.providerRole,
      logGroup: providerLogs,
    });

    this.resource = new CustomResource(this, 'Schema', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::TalatyMigrations',
      properties: {
        MigrationsHash: migrationsHash(props.migrations),
        Migrations: props.migrations.map((m) => m.id).join(','),
      },
    });
    this.resource.node.addDependency(...props.dependsOn);
  }
}

/** The app's stacks: one `Talaty-<stage>` stack per selected stage, checked by cdk-nag. */
import type { App, Environment } from 'aws-cdk-lib';
import { codeVersion, type StageConfig, selectedStages } from './config.ts';
import { acknowledgeFindings, enableNag } from './nag.ts';
import { TalatyStack } from './stacks/talaty-stack.ts';

/** A pinned region, and account when given; without `env` the stack is environment-agnostic. */
const environment = ({ account, region }: NonNullable<StageConfig['env']>): Environment =>
  account === undefined ? { region } : { account, region };

export const stackName = (stage: string) => `Talaty-${stage}`;

export interface StageOptions {
  /** The built web app (`buildWebApp().dir`, or a small fixture in tests). */
  readonly webAssetDir: string;
}

export function addStages(app: App, options: StageOptions): TalatyStack[] {
  const version = codeVersion(app);
  const stacks = selectedStages(app).map(([stage, config]) => {
    const name = stackName(stage);
    const stack = new TalatyStack(app, name, {
      stackName: name,
      description: `Talaty ${stage}: the Metadata API, its Aurora database, the artifact bucket and the web app`,
      stage,
      config,
      version,
      webAssetDir: options.webAssetDir,
      ...(config.env === undefined ? {} : { env: environment(config.env) }),
      tags: { Project: 'Talaty', Stage: stage },
    });
    acknowledgeFindings(stack);
    return stack;
  });
  enableNag(app);
  return stacks;
}

/**
 * Test support: an App with cdk.json's context (as the CLI would pass it), optionally one stage,
 * and with bundling skipped unless a test asks for the real esbuild bundles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { repoRoot } from './constructs/handler-function.ts';

export const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
  app: string;
  context: Record<string, unknown>;
};

export interface TestAppOptions {
  /** Synthesize one stage only (`-c stage=…`). */
  readonly stage?: string;
  /** Run esbuild for the functions. @default false */
  readonly bundling?: boolean;
  /** Context that replaces cdk.json's. */
  readonly context?: Record<string, unknown>;
}

/** A tiny built app (index.html and one hashed asset) for the stacks under test: tests never run Vite. */
export const webFixtureDir = join(repoRoot, 'lib', 'constructs', '__fixtures__', 'web-dist');

export function testApp(options: TestAppOptions = {}): App {
  return new App({
    context: {
      ...cdkJson.context,
      ...(options.stage === undefined ? {} : { stage: options.stage }),
      ...(options.bundling === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
}

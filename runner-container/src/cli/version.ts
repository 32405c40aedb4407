/** The runner's version: fixed at build time in the bundle (which ships without package.json), else package.json's. */
import { readFileSync } from 'node:fs';

declare const TALATY_RUNNER_VERSION: string | undefined;

export function runnerVersion(): string {
  if (typeof TALATY_RUNNER_VERSION === 'string') return TALATY_RUNNER_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

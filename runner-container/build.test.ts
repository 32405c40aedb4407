/** The runner bundle: one ESM file whose sha256 is the runner digest, the same for the same sources. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRunnerBundle, RUNNER_BUNDLE } from './build.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('buildRunnerBundle', () => {
  it('writes dist/talaty-runner.mjs and reports the sha256 of its bytes; the same sources give the same bytes', () => {
    const first = buildRunnerBundle();
    expect(first.file).toBe(join(import.meta.dirname, RUNNER_BUNDLE));
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(readFileSync(first.file))).toBe(first.sha256);
    expect(buildRunnerBundle().sha256).toBe(first.sha256);
  });

  it('bundles the CLI as ESM with the createRequire banner and no absolute paths of this machine', () => {
    const code = readFileSync(buildRunnerBundle().file, 'utf8');
    expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
    expect(code).not.toContain(import.meta.dirname);
    expect(code).not.toMatch(/^\s*import .* from ["'](?!node:)[^"']+["']/m);
  });
});

/**
 * CI reads the reporter's closing line, so it must count what really happened: passes, failures,
 * skips, and a test file that cannot even load as a failure.
 */
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand } from './run-command.ts';

const reporter = fileURLToPath(new URL('./summary-reporter.ts', import.meta.url));
const vitestCli = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
let fixture: string;

beforeAll(async () => {
  fixture = await mkdtemp(join(tmpdir(), 'talaty-reporter-'));
  await symlink(fileURLToPath(new URL('../node_modules', import.meta.url)), join(fixture, 'node_modules'), 'dir');
  const test = (body: string) => `import { expect, it } from 'vitest';\n${body}\n`;
  await writeFile(
    join(fixture, 'pass.test.ts'),
    test("it('a', () => expect(1).toBe(1));\nit('b', () => {});\nit.skip('c', () => {});"),
  );
  await writeFile(join(fixture, 'fail.test.ts'), test("it('d', () => expect(1).toBe(2));"));
  await writeFile(join(fixture, 'broken.test.ts'), test("throw new Error('cannot load');"));
});

afterAll(async () => {
  await rm(fixture, { recursive: true, force: true });
});

it('ends the run with passed, failed (a file that fails to load included) and skipped counts', async () => {
  const outcome = await runCommand(
    process.execPath,
    [vitestCli, 'run', '--root', fixture, '--reporter', reporter],
    fixture,
  );
  expect(outcome.code).toBe(1);
  expect(outcome.stdout.trim().split('\n').at(-1)).toBe('tests: 2 passed, 2 failed, 1 skipped');
});

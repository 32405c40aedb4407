import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withLock } from './build-cache.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talaty-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('runs one holder at a time and releases the lock after', async () => {
  const lock = join(dir, 'lock');
  const order: string[] = [];
  const hold = (name: string) =>
    withLock(lock, async () => {
      order.push(`${name} in`);
      await new Promise((done) => setTimeout(done, 50));
      order.push(`${name} out`);
    });
  await Promise.all([hold('a'), hold('b')]);
  expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
  expect(existsSync(lock)).toBe(false);
});

it('takes over at once a lock whose owner has exited', async () => {
  const lock = join(dir, 'lock');
  mkdirSync(lock);
  // No process has this pid (above Linux's pid_max).
  writeFileSync(join(lock, 'pid'), '99999999');
  const started = Date.now();
  expect(await withLock(lock, async () => 'done')).toBe('done');
  expect(Date.now() - started).toBeLessThan(1_000);
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webInputHash } from './build.ts';

describe('webInputHash', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'talaty-web-hash-'));
    write('web/index.html', '<div id="root"></div>');
    write('web/src/main.tsx', 'render()');
    write('schemas/src/index.ts', 'export {}');
    write('schemas/v0/run-spec.json', '{}');
    write('client/api-client.ts', 'export {}');
    write('package-lock.json', '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('changes when a source of the app, the schemas, the client or the lockfile changes', () => {
    const seen = new Set([webInputHash(root)]);
    for (const [path, text] of [
      ['web/src/main.tsx', 'render(<App />)'],
      ['web/src/features/runs/api/get-run.ts', 'export {}'],
      ['web/vite.config.ts', 'export default {}'],
      ['schemas/src/index.ts', 'export const x = 1'],
      ['schemas/v0/run-spec.json', '{"type":"object"}'],
      ['client/api-client.ts', 'export const y = 1'],
      ['package-lock.json', '{"lockfileVersion":3}'],
    ] as const) {
      write(path, text);
      const hash = webInputHash(root);
      expect(seen.has(hash), path).toBe(false);
      seen.add(hash);
    }
  });

  it('changes when a file moves, even with the same content', () => {
    const before = webInputHash(root);
    rmSync(join(root, 'web/src/main.tsx'));
    write('web/src/app.tsx', 'render()');
    expect(webInputHash(root)).not.toBe(before);
  });

  it('ignores the build output, temporary builds, node_modules, tests and other folders', () => {
    const before = webInputHash(root);
    write('web/dist/index.html', 'built');
    write('web/dist/.build-hash', 'abc');
    write('web/dist-dev/assets/index.js', 'the development build');
    write('web/.dist-123-456/assets/index.js', 'half a build');
    write('web/.build-lock/owner', '1');
    write('web/node_modules/react/index.js', 'module.exports = {}');
    write('web/src/lib/api.test.ts', 'it()');
    write('lambdas/handler.ts', 'export {}');
    expect(webInputHash(root)).toBe(before);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryKey, initialRouteSize, type Manifest, staticFiles } from './bundle-size.ts';

const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-a.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-b.js'],
    dynamicImports: ['src/routes/list.tsx', 'src/routes/detail.tsx'],
    css: ['assets/index-a.css'],
  },
  '_vendor-b.js': { file: 'assets/vendor-b.js', imports: ['_shared-c.js'] },
  '_shared-c.js': { file: 'assets/shared-c.js', imports: ['index.html'] },
  '_table-d.js': { file: 'assets/table-d.js', imports: ['index.html', '_shared-c.js'], css: ['assets/table-d.css'] },
  'src/routes/list.tsx': {
    file: 'assets/list-e.js',
    src: 'src/routes/list.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_table-d.js'],
  },
  'src/routes/detail.tsx': { file: 'assets/detail-f.js', isDynamicEntry: true, imports: ['index.html'] },
};

describe('initial route files', () => {
  it("follow the entry's static imports and CSS, never its dynamic imports", () => {
    expect(staticFiles(manifest, [entryKey(manifest)]).sort()).toEqual([
      'assets/index-a.css',
      'assets/index-a.js',
      'assets/shared-c.js',
      'assets/vendor-b.js',
    ]);
  });

  it("add a lazy route's chunk and its own static imports once", () => {
    expect(staticFiles(manifest, ['index.html', 'src/routes/list.tsx']).sort()).toEqual([
      'assets/index-a.css',
      'assets/index-a.js',
      'assets/list-e.js',
      'assets/shared-c.js',
      'assets/table-d.css',
      'assets/table-d.js',
      'assets/vendor-b.js',
    ]);
  });

  it('name a missing key, and insist on one entry', () => {
    expect(() => staticFiles(manifest, ['src/routes/gone.tsx'])).toThrow(/no src\/routes\/gone\.tsx/);
    expect(() => entryKey({ a: { file: 'a.js' } })).toThrow(/one entry/);
  });
});

describe('initialRouteSize', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'talaty-bundle-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    for (const chunk of Object.values(manifest)) {
      writeFileSync(join(dist, chunk.file), `/* ${chunk.file} */ ${'x'.repeat(1000)}`);
      for (const css of chunk.css ?? []) writeFileSync(join(dist, css), `/* ${css} */ body{}`);
    }
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('sums raw, gzip and brotli sizes of index.html and the static closure', () => {
    const size = initialRouteSize(dist, manifest, ['src/routes/list.tsx']);
    expect(size.files.map((f) => f.file)).toContain('index.html');
    expect(size.files).toHaveLength(8);
    const index = size.files.find((f) => f.file === 'assets/index-a.js');
    expect(index?.raw).toBe(Buffer.byteLength(`/* assets/index-a.js */ ${'x'.repeat(1000)}`));
    expect(index?.gzip).toBe(gzipSync(Buffer.from(`/* assets/index-a.js */ ${'x'.repeat(1000)}`), { level: 9 }).length);
    expect(size.raw).toBe(size.files.reduce((t, f) => t + f.raw, 0));
    expect(size.gzip).toBeLessThan(size.raw);
    expect(size.brotli).toBeLessThan(size.raw);
  });
});

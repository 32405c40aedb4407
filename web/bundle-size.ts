/**
 * What a first visit downloads before the page can render, read from Vite's build manifest
 * (`dist/.vite/manifest.json`): index.html, the entry chunk, every chunk it imports statically
 * (transitively) and their CSS; for a lazily loaded route, also that route's chunk with its own
 * static imports. Sizes are raw, gzip (level 9) and brotli, as a CDN would send them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

export interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}

export type Manifest = Readonly<Record<string, ManifestChunk>>;

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The output files (chunks and CSS) the given manifest keys load before they run, without dynamic imports. */
export function staticFiles(manifest: Manifest, keys: readonly string[]): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`the build manifest has no ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...files];
}

/** The manifest key of the app's entry (index.html). */
export function entryKey(manifest: Manifest): string {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry === true);
  const [first, ...others] = entries;
  if (first === undefined || others.length > 0) {
    throw new Error(
      `expected one entry in the build manifest, found ${entries.map(([key]) => key).join(', ') || 'none'}`,
    );
  }
  return first[0];
}

export interface FileSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

function fileSize(dist: string, file: string): FileSize {
  const bytes = readFileSync(join(dist, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export interface RouteSize {
  readonly files: readonly FileSize[];
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

/**
 * What the first visit to a page downloads: index.html, the entry's static closure and, for a
 * lazy route, the route module's (manifest key, e.g. `src/features/datasets/routes/datasets-page.tsx`).
 */
export function initialRouteSize(dist: string, manifest: Manifest, routeKeys: readonly string[] = []): RouteSize {
  const files = ['index.html', ...staticFiles(manifest, [entryKey(manifest), ...routeKeys])].map((file) =>
    fileSize(dist, file),
  );
  const sum = (pick: (f: FileSize) => number) => files.reduce((total, f) => total + pick(f), 0);
  return { files, raw: sum((f) => f.raw), gzip: sum((f) => f.gzip), brotli: sum((f) => f.brotli) };
}

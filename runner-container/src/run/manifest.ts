/**
 * Loads a RunManifest from an s3:// URI or a local file, JSON or YAML (by extension; a .json file
 * must be JSON, anything else is read as YAML, which JSON also is). Relative local paths in a local
 * manifest (dataset.uri and the output prefixes) are taken from the manifest's directory.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { documents, Location, type RunManifest, Uuid } from '@talaty/schemas';
import { z } from 'zod';
import { issueLines, parseConfigText } from '../io/config-text.ts';
import type { Locations } from '../io/location.ts';
import { RunFailure } from './failure.ts';

/** Where a failed manifest's result can still go, when its run id and run prefix are readable. */
export interface FallbackOutputs {
  readonly run_id: string;
  readonly run_prefix: string;
}

export class ManifestFailure extends RunFailure {
  constructor(
    code: 'INVALID_MANIFEST' | 'READ_FAILED',
    message: string,
    readonly outputs: FallbackOutputs | null,
  ) {
    super(code, message);
  }
}

const Outputs = z.object({ run_id: Uuid, outputs: z.object({ run_prefix: Location }) });

export interface LoadedManifest {
  readonly manifest: RunManifest;
  /** The manifest's own location: its s3:// URI or absolute path. */
  readonly location: string;
}

export async function loadManifest(where: string, locations: Locations): Promise<LoadedManifest> {
  const s3 = where.startsWith('s3://');
  const location = s3 ? where : resolve(where);
  const local = (path: string) =>
    s3 || path.startsWith('s3://') || isAbsolute(path) ? path : resolve(dirname(location), path);
  let text: string;
  try {
    text = await locations.readText(location);
  } catch (error) {
    throw new ManifestFailure('READ_FAILED', `cannot read the manifest: ${(error as Error).message}`, null);
  }
  let data: unknown;
  try {
    data = parseConfigText(text, location);
  } catch (error) {
    throw new ManifestFailure('INVALID_MANIFEST', `the manifest ${location} is ${(error as Error).message}`, null);
  }
  const loose = Outputs.safeParse(data);
  const outputs = loose.success
    ? { run_id: loose.data.run_id, run_prefix: local(loose.data.outputs.run_prefix) }
    : null;
  const parsed = documents.RunManifest.safeParse(data);
  if (!parsed.success) {
    const details = issueLines(parsed.error);
    const shown = details.slice(0, 20);
    if (details.length > shown.length) shown.push(`and ${details.length - shown.length} more`);
    throw new ManifestFailure('INVALID_MANIFEST', `the manifest ${location} is invalid: ${shown.join('; ')}`, outputs);
  }
  const manifest = parsed.data;
  return {
    location,
    manifest: {
      ...manifest,
      dataset: { ...manifest.dataset, uri: local(manifest.dataset.uri) },
      outputs: { run_prefix: local(manifest.outputs.run_prefix), report_prefix: local(manifest.outputs.report_prefix) },
    },
  };
}

/**
 * talaty-runner score: p_bad (and points, and with --explain per-feature contributions) for every
 * input row, in input order.
 */
import { readFile } from 'node:fs/promises';
import { documents, type ModelArtifact, toErrorDetails } from '@talaty/schemas';
import { CsvWriter } from '../io/csv-writer.ts';
import { readDataFile } from '../io/data-file.ts';
import {
  compileModel,
  contributions,
  encodeFeatures,
  expectedValue,
  points,
  predictRaw,
  probability,
} from '../predict/index.ts';
import { parseFlags, stringFlag, UsageError } from './args.ts';
import { log } from './progress.ts';

export const SCORE_USAGE = 'talaty-runner score --model <dir>/model.json --data <csv|parquet> --out <csv> [--explain]';

async function loadModel(path: string): Promise<ModelArtifact> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read model ${path}: ${reason}`);
  }
  const parsed = documents.ModelArtifact.safeParse(data);
  if (!parsed.success) {
    const details = toErrorDetails(parsed.error)
      .slice(0, 10)
      .map((d) => `  ${d.path}: ${d.message}`);
    throw new UsageError(`${path} is not a Talaty model artifact:\n${details.join('\n')}`);
  }
  return parsed.data;
}

export async function scoreCommand(argv: readonly string[]): Promise<void> {
  const flags = parseFlags('score', argv, {
    values: ['model', 'data', 'out'],
    switches: ['explain'],
    required: ['model', 'data', 'out'],
  });
  const artifact = await loadModel(stringFlag(flags, 'model') as string);
  const textColumns = new Set(artifact.features.filter((f) => f.kind === 'categorical').map((f) => f.source_column));
  const table = await readDataFile(stringFlag(flags, 'data') as string, { textColumns });
  const model = compileModel(artifact);
  const columns = encodeFeatures(artifact.features, table);
  const raw = predictRaw(model, columns);
  const explain = flags.has('explain');
  const phi = explain ? contributions(model, columns) : null;
  const expected = explain ? expectedValue(model) : 0;
  const scaling = artifact.score_scaling;

  const header = ['p_bad'];
  if (scaling !== null) header.push('points');
  if (explain) header.push(...artifact.features.map((f) => `shap_${f.name}`), 'shap_expected');
  const path = stringFlag(flags, 'out') as string;
  const out = new CsvWriter(path, header);
  const nFeatures = artifact.features.length;
  try {
    for (let r = 0; r < table.rows; r++) {
      const cells = [String(probability(artifact.objective, raw[r] as number))];
      if (scaling !== null) cells.push(String(points(scaling, raw[r] as number)));
      if (phi !== null) {
        for (let f = 0; f < nFeatures; f++) cells.push(String(phi[r * nFeatures + f]));
        cells.push(String(expected));
      }
      await out.row(cells);
    }
    await out.close();
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
  log(`scored ${table.rows} rows into ${path}`);
}

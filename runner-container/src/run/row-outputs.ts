/**
 * Row-level outputs as gzipped CSV, sample by sample, rows in dataset order within a sample:
 * predictions.csv.gz (row, id, sample, bad, p_bad, points) and explanations.csv.gz (row, id,
 * sample, TreeSHAP contribution per feature in log-odds, shap_expected; they add up to the raw
 * score). `row` is the 1-based data row of the dataset; `bad` is 1 for the bad outcome.
 */
import type { ModelArtifact } from '@talaty/schemas';
import { type Column, cellText } from '../data/table.ts';
import { CsvWriter, csvCell } from '../io/csv-writer.ts';
import { type CompiledModel, contributions, expectedValue, points } from '../predict/index.ts';
import type { ScoredSample } from './evaluate.ts';

/** Rows explained per TreeSHAP call, bounding its row-major buffers. */
const EXPLAIN_CHUNK = 16_384;

function leading(ids: Column | null, sample: ScoredSample, i: number): string[] {
  const row = sample.sample.rows[i] as number;
  const cells = [String(row + 1)];
  if (ids !== null) cells.push(csvCell(cellText(ids, row) ?? ''));
  cells.push(sample.sample.name);
  return cells;
}

const idHeader = (ids: Column | null) => (ids === null ? [] : [ids.name]);

export async function writePredictions(
  file: string,
  scored: ReadonlyArray<ScoredSample | null>,
  ids: Column | null,
  artifact: ModelArtifact,
): Promise<number> {
  const scaling = artifact.score_scaling;
  const out = new CsvWriter(file, ['row', ...idHeader(ids), 'sample', 'bad', 'p_bad', ...(scaling ? ['points'] : [])], {
    gzip: true,
  });
  let rows = 0;
  for (const s of scored) {
    if (s === null) continue;
    for (let i = 0; i < s.p.length; i++) {
      const cells = [...leading(ids, s, i), String(s.sample.y[i]), String(s.p[i])];
      if (scaling !== null) cells.push(String(points(scaling, s.raw[i] as number)));
      await out.row(cells);
    }
    rows += s.p.length;
  }
  await out.close();
  return rows;
}

export async function writeExplanations(
  file: string,
  scored: ReadonlyArray<ScoredSample>,
  ids: Column | null,
  model: CompiledModel,
  artifact: ModelArtifact,
): Promise<number> {
  const names = artifact.features.map((f) => `shap_${f.name}`);
  const out = new CsvWriter(file, ['row', ...idHeader(ids), 'sample', ...names, 'shap_expected'], { gzip: true });
  const expected = String(expectedValue(model));
  const nFeatures = names.length;
  let rows = 0;
  for (const s of scored) {
    for (let start = 0; start < s.p.length; start += EXPLAIN_CHUNK) {
      const end = Math.min(s.p.length, start + EXPLAIN_CHUNK);
      const phi = contributions(
        model,
        s.sample.columns.map((c) => c.subarray(start, end)),
      );
      for (let i = start; i < end; i++) {
        const cells = leading(ids, s, i);
        const at = (i - start) * nFeatures;
        for (let f = 0; f < nFeatures; f++) cells.push(String(phi[at + f]));
        cells.push(expected);
        await out.row(cells);
      }
    }
    rows += s.p.length;
  }
  await out.close();
  return rows;
}

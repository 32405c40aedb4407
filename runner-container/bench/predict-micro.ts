/**
 * Prediction throughput of the compiled predictor on a saved model and a CSV: rows per second per
 * thread for the first (cold) call and the median and best of the warm calls (the machine may be
 * shared: compare medians of several runs).
 *
 *   npx tsx runner-container/bench/predict-micro.ts <model.json> <data.csv> [repeats]
 */
import { readFileSync } from 'node:fs';
import { documents } from '@talaty/schemas';
import { readCsv } from '../src/io/csv.ts';
import { compileModel, encodeFeatures, predictRaw } from '../src/predict/index.ts';

const [modelPath, dataPath, repeatsArg] = process.argv.slice(2);
if (modelPath === undefined || dataPath === undefined) {
  console.error('usage: predict-micro.ts <model.json> <data.csv> [repeats]');
  process.exit(2);
}
const artifact = documents.ModelArtifact.parse(JSON.parse(readFileSync(modelPath, 'utf8')));
const table = await readCsv(dataPath);
const columns = encodeFeatures(artifact.features, table);
const model = compileModel(artifact);
const rows = columns[0]?.length ?? 0;
const times: number[] = [];
let checksum = 0;
for (let i = 0; i < Number(repeatsArg ?? 10); i++) {
  const t0 = performance.now();
  const raw = predictRaw(model, columns);
  times.push((performance.now() - t0) / 1000);
  checksum += raw[rows - 1] as number;
}
const rate = (s: number) => Math.round(rows / s);
if (process.env.VERBOSE) console.log(times.map((s) => rate(s)).join(' '));
const warm = times.slice(1).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] ?? (times[0] as number);
console.log(
  `${rows} rows × ${artifact.trees.length} trees: cold ${rate(times[0] as number)} rows/s, warm median ${rate(median)} rows/s, warm best ${rate(Math.min(...times))} rows/s (checksum ${checksum.toFixed(6)})`,
);

/**
 * TreeSHAP throughput on a saved model and a CSV: each method (recursive, tabulated, auto) on the
 * first N rows, in µs per tree per row, with a checksum to show they agree.
 *
 *   npx tsx runner-container/bench/shap-micro.ts <model.json> <data.csv> [rows]
 */
import { readFileSync } from 'node:fs';
import { documents } from '@talaty/schemas';
import { readCsv } from '../src/io/csv.ts';
import { compileModel, contributions, encodeFeatures } from '../src/predict/index.ts';

const [modelPath, dataPath, rowsArg] = process.argv.slice(2);
if (modelPath === undefined || dataPath === undefined) {
  console.error('usage: shap-micro.ts <model.json> <data.csv> [rows]');
  process.exit(2);
}
const artifact = documents.ModelArtifact.parse(JSON.parse(readFileSync(modelPath, 'utf8')));
const textColumns = new Set(artifact.features.filter((f) => f.kind === 'categorical').map((f) => f.source_column));
const table = await readCsv(dataPath, { textColumns });
const rows = Math.min(table.rows, Number(rowsArg ?? 5000));
const columns = encodeFeatures(artifact.features, table).map((c) => c.subarray(0, rows));
const model = compileModel(artifact);
for (const method of ['recursive', 'tabulated', 'auto'] as const) {
  const started = performance.now();
  const phi = contributions(model, columns, method);
  const seconds = (performance.now() - started) / 1000;
  const perTree = (seconds * 1e6) / rows / artifact.trees.length;
  const checksum = phi.reduce((a, b) => a + b, 0);
  console.log(
    `${method}: ${rows} rows × ${artifact.trees.length} trees in ${seconds.toFixed(2)} s, ${perTree.toFixed(2)} µs per tree per row (checksum ${checksum.toFixed(9)})`,
  );
}

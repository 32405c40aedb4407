/**
 * The metric tables: scalar metrics per sample (from the Metrics document, or from the result's
 * summary when the document is missing), PSI, and the decile gains and calibration of each sample.
 */
import type { Metrics, RunResult, SplitMetrics } from '@talaty/schemas';
import { count, esc, num, percent, pValue } from './format.ts';
import { presentSamples, SAMPLE_NAMES, SAMPLE_STYLE, type SampleName } from './samples.ts';
import { type Column, table } from './table.ts';

type Scalars = Pick<SplitMetrics, 'n' | 'bad_rate' | 'auc' | 'gini' | 'ks' | 'logloss' | 'brier'> & {
  hosmer_lemeshow?: SplitMetrics['hosmer_lemeshow'];
};

const COLUMNS = [
  'Sample',
  { header: 'n', numeric: true },
  { header: 'Bad rate', numeric: true },
  { header: 'AUC', numeric: true },
  { header: 'Gini', numeric: true },
  { header: 'KS', numeric: true },
  { header: 'Log loss', numeric: true },
  { header: 'Brier', numeric: true },
  { header: 'HL statistic', numeric: true },
  { header: 'HL df', numeric: true },
  { header: 'HL p-value', numeric: true },
];

function scalarRow(name: SampleName, m: Scalars): string[] {
  const hl = m.hosmer_lemeshow;
  return [
    esc(SAMPLE_STYLE[name].label),
    esc(count(m.n)),
    esc(percent(m.bad_rate)),
    ...[m.auc, m.gini, m.ks, m.logloss, m.brier].map((v) => esc(num(v))),
    esc(hl === undefined ? 'n/a' : num(hl?.statistic, 3)),
    esc(hl === undefined ? 'n/a' : (hl?.degrees_of_freedom ?? '—')),
    esc(hl === undefined ? 'n/a' : pValue(hl?.p_value, 4)),
  ];
}

/** Scalar metrics per sample; `null` metrics fall back to the result's metrics summary. */
export function scalarMetricsTable(metrics: Metrics | null, result: RunResult): string {
  const source: Partial<Record<SampleName, Scalars | null>> | null = metrics ?? result.metrics_summary;
  if (source === null) return '<p>No metrics were computed: the run failed before evaluation.</p>';
  const rows = SAMPLE_NAMES.flatMap((name) => {
    const m = source[name];
    return m === null || m === undefined ? [] : [scalarRow(name, m)];
  });
  const note =
    metrics === null
      ? '<p class="note">The metrics document is missing; these are the headline numbers from the run result (no Hosmer–Lemeshow).</p>'
      : '';
  return `${note}${table('Metrics per sample (unrounded values shown to 4 decimals)', COLUMNS, rows)}`;
}

export function psiTable(psi: Metrics['psi']): string {
  const rows = [
    ['Train → test', psi.train_to_test],
    ['Train → out-of-time', psi.train_to_oot],
  ] as const;
  const rating = (v: number | null) =>
    v === null
      ? 'no such sample'
      : v < 0.1
        ? 'stable (< 0.10)'
        : v < 0.25
          ? 'moderate shift (0.10–0.25)'
          : 'major shift (≥ 0.25)';
  return table(
    'Population stability index of p_bad',
    ['Comparison', { header: 'PSI', numeric: true }, 'Reading (common rule of thumb)'],
    rows.map(([label, v]) => [esc(label), esc(num(v)), esc(rating(v))]),
  );
}

/** One table per sample the run has, in sample order. */
function perSample(
  metrics: Metrics,
  caption: (label: string) => string,
  columns: ReadonlyArray<Column | string>,
  rows: (m: SplitMetrics) => string[][],
): string {
  return presentSamples(metrics)
    .map((s) => table(caption(s.label.toLowerCase()), columns, rows(s.metrics)))
    .join('\n');
}

export function gainsTables(metrics: Metrics): string {
  return perSample(
    metrics,
    (sample) => `Decile gains, ${sample} sample (decile 1 = highest p_bad)`,
    [
      'Decile',
      { header: 'n', numeric: true },
      { header: 'Bads', numeric: true },
      { header: 'Bad rate', numeric: true },
      { header: 'Cumulative capture', numeric: true },
      { header: 'Lift', numeric: true },
    ],
    (m) =>
      m.gains.map((g) => [
        esc(g.decile),
        esc(count(g.n)),
        esc(num(g.bads, Number.isInteger(g.bads) ? 0 : 2)),
        esc(percent(g.bad_rate)),
        esc(percent(g.cum_capture)),
        esc(num(g.lift, 2)),
      ]),
  );
}

export function calibrationTables(metrics: Metrics): string {
  return perSample(
    metrics,
    (sample) => `Calibration bins, ${sample} sample (bin 1 = lowest p_bad)`,
    [
      'Bin',
      { header: 'n', numeric: true },
      { header: 'Mean predicted', numeric: true },
      { header: 'Observed bad rate', numeric: true },
      { header: 'Observed − predicted (percentage points)', numeric: true },
    ],
    (m) =>
      m.calibration.map((b) => [
        esc(b.bin),
        esc(count(b.n)),
        esc(percent(b.mean_predicted)),
        esc(percent(b.observed_rate)),
        esc(num((b.observed_rate - b.mean_predicted) * 100, 2)),
      ]),
  );
}

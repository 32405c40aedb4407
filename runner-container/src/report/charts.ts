/**
 * The report's charts, drawn from the Metrics document: ROC, KS, cumulative gains, calibration,
 * score distributions and feature importance. Each is a <figure> holding an inline <svg>.
 */
import type { FeatureImportance, KsPoint, Metrics } from '@talaty/schemas';
import { esc, num, percent, pValue } from './format.ts';
import {
  BAD_COLOR,
  GOOD_COLOR,
  holdoutSample,
  presentSamples,
  REFERENCE_COLOR,
  SAMPLE_STYLE,
  type Sample,
} from './samples.ts';
import { type Axis, groupedBarChart, horizontalBarChart, lineChart, niceCeiling } from './svg.ts';

const share = (label: string): Axis => ({ label, min: 0, max: 1, format: (v) => num(v, 1) });
const pBad = (max: number, label = 'Predicted probability of bad (p_bad)'): Axis => ({
  label,
  min: 0,
  max,
  format: (v) => num(v, 2),
});

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const style = (s: Sample) => ({ color: SAMPLE_STYLE[s.name].color, dash: SAMPLE_STYLE[s.name].dash });
const list = (parts: string[]) => parts.join('; ');

export function rocChart(metrics: Metrics): string {
  const samples = presentSamples(metrics).filter((s) => s.metrics.roc.length > 0);
  const series = samples.map((s) => ({
    ...style(s),
    label: `${s.label} (AUC ${num(s.metrics.auc, 3)})`,
    points: s.metrics.roc.map((p) => [p.fpr, p.tpr] as const),
  }));
  const desc = `ROC curves, share of bads (true positive rate) against share of goods (false positive rate) flagged as the p_bad threshold falls: ${list(series.map((s) => s.label))}. The dashed diagonal is a model with no discrimination.`;
  const svg = lineChart(
    { id: 'chart-roc', title: 'ROC curve per sample', desc },
    share('False positive rate (share of goods)'),
    share('True positive rate (share of bads)'),
    series,
    { diagonal: { label: 'Chance', color: REFERENCE_COLOR, dash: '4 4' } },
  );
  return figure(svg, 'ROC curve per sample; the area under each curve is its AUC.');
}

export function ksChart(metrics: Metrics): string {
  const sample = holdoutSample(metrics);
  const curve = sample.metrics.ks_curve;
  const max = niceCeiling(Math.max(0, ...curve.map((p) => p.threshold)));
  const withOrigin = (pick: (p: KsPoint) => number) => [
    [0, 0] as const,
    ...curve.map((p) => [p.threshold, pick(p)] as const),
  ];
  const widest = curve.reduce<KsPoint | null>(
    (best, p) =>
      best === null || Math.abs(p.good_cdf - p.bad_cdf) > Math.abs(best.good_cdf - best.bad_cdf) ? p : best,
    null,
  );
  const ks = widest === null ? null : Math.abs(widest.good_cdf - widest.bad_cdf);
  const desc =
    widest === null
      ? `No KS curve for the ${sample.label.toLowerCase()} sample: it holds only one class.`
      : `Cumulative distributions of p_bad among bads and among goods in the ${sample.label.toLowerCase()} sample; their widest gap, KS = ${num(ks, 3)}, is at p_bad = ${num(widest.threshold, 4)}.`;
  const svg = lineChart(
    { id: 'chart-ks', title: `KS curve, ${sample.label.toLowerCase()} sample`, desc },
    pBad(max),
    share('Cumulative share at or below p_bad'),
    curve.length === 0
      ? []
      : [
          { label: 'Bads', color: BAD_COLOR, points: withOrigin((p) => p.bad_cdf) },
          { label: 'Goods', color: GOOD_COLOR, dash: '6 3', points: withOrigin((p) => p.good_cdf) },
        ],
    {
      overlay: (sx, sy) =>
        widest === null
          ? ''
          : `<line x1="${sx(widest.threshold).toFixed(1)}" x2="${sx(widest.threshold).toFixed(1)}" y1="${sy(widest.bad_cdf).toFixed(1)}" y2="${sy(widest.good_cdf).toFixed(1)}" stroke="#000" stroke-width="1.5"/>` +
            `<text class="note" paint-order="stroke" stroke="#fff" stroke-width="4" x="${(sx(widest.threshold) + 6).toFixed(1)}" y="${sy((widest.bad_cdf + widest.good_cdf) / 2).toFixed(1)}">KS = ${num(ks, 3)}</text>`,
    },
  );
  return figure(svg, desc);
}

export function gainsChart(metrics: Metrics): string {
  const series = presentSamples(metrics).map((s) => {
    let rows = 0;
    const points = s.metrics.gains.map((g) => {
      rows += g.n;
      return [s.metrics.n === 0 ? 0 : rows / s.metrics.n, g.cum_capture] as const;
    });
    const top = s.metrics.gains[0]?.cum_capture;
    return {
      ...style(s),
      label: `${s.label} (top decile ${percent(top, 1)})`,
      markers: true,
      points: [[0, 0] as const, ...points],
    };
  });
  const desc = `Cumulative share of bads captured by the riskiest rows (ranked by descending p_bad), per decile: ${list(series.map((s) => s.label))}. The dashed diagonal is a random ranking.`;
  const svg = lineChart(
    { id: 'chart-gains', title: 'Cumulative gains (capture) by decile', desc },
    share('Share of rows, riskiest first'),
    share('Share of bads captured'),
    series,
    { diagonal: { label: 'Random', color: REFERENCE_COLOR } },
  );
  return figure(svg, 'Cumulative capture: the share of all bads found in the riskiest deciles.');
}

export function calibrationChart(metrics: Metrics): string {
  const samples = presentSamples(metrics);
  const values = samples.flatMap((s) => s.metrics.calibration.flatMap((b) => [b.mean_predicted, b.observed_rate]));
  const max = niceCeiling(Math.max(0, ...values));
  const series = samples.map((s) => ({
    ...style(s),
    label: `${s.label} (HL p ${pValue(s.metrics.hosmer_lemeshow?.p_value, 3)})`,
    markers: true,
    points: s.metrics.calibration.map((b) => [b.mean_predicted, b.observed_rate] as const),
  }));
  const desc = `Observed bad rate against mean predicted p_bad in ten equal-count bins of ascending p_bad, per sample: ${list(series.map((s) => s.label))}. Points on the dashed diagonal are perfectly calibrated.`;
  const svg = lineChart(
    { id: 'chart-calibration', title: 'Calibration: observed against predicted bad rate', desc },
    pBad(max, 'Mean predicted p_bad in the bin'),
    pBad(max, 'Observed bad rate in the bin'),
    series,
    { diagonal: { label: 'Perfect calibration', color: REFERENCE_COLOR } },
  );
  return figure(svg, 'Calibration per bin; HL p is the Hosmer–Lemeshow p-value.');
}

/**
 * Shares of bads and of goods per equal-width p_bad bin over [0, the highest threshold], read off
 * the KS curve's cumulative distributions (a step function: the share at or below an edge is the
 * cdf of the last threshold at or below it). The KS curve keeps at most 200 thresholds, so shares
 * are exact at those thresholds and bins narrower than their spacing are approximate.
 */
export function scoreHistogram(curve: ReadonlyArray<KsPoint>, bins = 20) {
  const hi = niceCeiling(Math.max(0, ...curve.map((p) => p.threshold)));
  const edges = Array.from({ length: bins + 1 }, (_, k) => Number(((hi * k) / bins).toFixed(12)));
  const cdfs = edges.map((edge) => curve.findLast((p) => p.threshold <= edge) ?? { bad_cdf: 0, good_cdf: 0 });
  const diff = (pick: (p: { bad_cdf: number; good_cdf: number }) => number) =>
    cdfs.slice(1).map((c, k) => Math.max(0, pick(c) - pick(cdfs[k] as typeof c)));
  return { edges, bads: diff((p) => p.bad_cdf), goods: diff((p) => p.good_cdf) };
}

export function scoreDistributionChart(metrics: Metrics): string {
  const sample = holdoutSample(metrics);
  const { edges, bads, goods } = scoreHistogram(sample.metrics.ks_curve);
  const max = niceCeiling(Math.max(0, ...bads, ...goods));
  const categories = edges.slice(0, -1).map((e) => num(e, 2));
  const desc =
    sample.metrics.ks_curve.length === 0
      ? `No score distribution for the ${sample.label.toLowerCase()} sample: it holds only one class.`
      : `Share of the bads and of the goods of the ${sample.label.toLowerCase()} sample in each of ${edges.length - 1} equal-width p_bad bins from 0 to ${num(edges.at(-1), 2)} (bars labelled by their lower edge), derived from the KS curve's cumulative distributions (up to 200 thresholds). Well-separated bars mean good discrimination.`;
  const svg = groupedBarChart(
    { id: 'chart-scores', title: `Score distribution of bads and goods, ${sample.label.toLowerCase()} sample`, desc },
    categories,
    'Predicted probability of bad (p_bad), bin lower edge',
    { label: 'Share of the class in the bin', min: 0, max, format: (v) => `${Number((v * 100).toFixed(1))}%` },
    [
      { label: 'Bads', color: BAD_COLOR, values: bads },
      { label: 'Goods', color: GOOD_COLOR, values: goods },
    ],
  );
  return figure(svg, desc);
}

export const IMPORTANCE_TOP = 30;

export function importanceChart(importance: ReadonlyArray<FeatureImportance>): string {
  const total = importance.reduce((sum, f) => sum + f.gain, 0);
  const top = [...importance].sort((a, b) => b.gain - a.gain).slice(0, IMPORTANCE_TOP);
  const items = top.map((f) => ({
    label: f.feature,
    value: f.gain,
    note: `${f.feature}: gain ${num(f.gain, 2)} (${percent(total > 0 ? f.gain / total : 0, 1)}), ${f.splits} splits`,
  }));
  const desc = `Total split gain of the ${items.length} most important of ${importance.length} features, largest first: ${list(items.map((i) => i.note))}.`;
  const svg = horizontalBarChart(
    { id: 'chart-importance', title: `Feature importance by gain (top ${IMPORTANCE_TOP})`, desc },
    items,
    'Total gain of the splits on the feature (share of all gain)',
    SAMPLE_STYLE.train.color,
    (v) => `${num(v, 1)} · ${percent(total > 0 ? v / total : 0, 1)}`,
  );
  return figure(svg, `Feature importance by total split gain, top ${Math.min(IMPORTANCE_TOP, importance.length)}.`);
}

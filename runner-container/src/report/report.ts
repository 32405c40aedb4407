/**
 * The self-contained HTML report a run writes to reports/{run_id}/report.html: one HTML5 file
 * with inline CSS and inline SVG charts, no scripts and no external resources, so it opens offline
 * and prints. The output depends only on the input (no clock, no locale), and every string taken
 * from the input is HTML-escaped.
 */
import type { Metrics, RunManifest, RunResult } from '@talaty/schemas';
import {
  calibrationChart,
  gainsChart,
  IMPORTANCE_TOP,
  importanceChart,
  ksChart,
  rocChart,
  scoreDistributionChart,
} from './charts.ts';
import { dataRoles, featureTable, modelParameters, policies, splitPolicy } from './configuration.ts';
import { esc } from './format.ts';
import { calibrationTables, gainsTables, psiTable, scalarMetricsTable } from './metric-tables.ts';
import { STYLE } from './style.ts';
import { artifactsList, gatesTable, identity, outcomeBanner, timingsTable } from './summary.ts';

export interface ReportInput {
  readonly manifest: RunManifest;
  /**
   * The run's Metrics document. `null` when the run failed before evaluation: the report then
   * shows the failure, the configuration and whatever the result carries, and no charts.
   */
  readonly metrics: Metrics | null;
  readonly result: RunResult;
}

interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

function section(s: Section): string {
  return `<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${esc(s.title)}</h2>\n${s.body}\n</section>`;
}

function metricSections(metrics: Metrics | null, result: RunResult): Section[] {
  const table: Section = { id: 'metrics', title: 'Metrics', body: scalarMetricsTable(metrics, result) };
  if (metrics === null) return [table];
  const charts = [rocChart, ksChart, gainsChart, calibrationChart, scoreDistributionChart].map((chart) =>
    chart(metrics),
  );
  return [
    { ...table, body: `${table.body}\n${psiTable(metrics.psi)}` },
    { id: 'charts', title: 'Discrimination and calibration', body: `<div class="charts">${charts.join('\n')}</div>` },
    {
      id: 'importance',
      title: `Feature importance (top ${IMPORTANCE_TOP} by gain)`,
      body:
        metrics.importance.length === 0
          ? '<p>No feature was used by any kept tree.</p>'
          : importanceChart(metrics.importance),
    },
    { id: 'gains', title: 'Decile gains', body: gainsTables(metrics) },
    { id: 'calibration', title: 'Calibration bins', body: calibrationTables(metrics) },
  ];
}

/**
 * Renders the run report as a complete HTML5 document. `metrics` may be null for a run that
 * failed before evaluation (callers holding a Metrics document pass it as before).
 */
export function renderReport(input: ReportInput): string {
  const { manifest, metrics, result } = input;
  const spec = manifest.run_spec;
  const sections: Section[] = [
    { id: 'run', title: 'Run', body: identity(manifest, result, metrics) },
    { id: 'gates', title: 'Evaluation gates', body: gatesTable(result) },
    ...metricSections(metrics, result),
    { id: 'model', title: 'Model parameters', body: modelParameters(spec) },
    {
      id: 'split',
      title: 'Split, evaluation and artifact policies',
      body: `<h3>Split policy</h3>${splitPolicy(manifest)}<h3>Evaluation and artifacts</h3>${policies(spec)}`,
    },
    {
      id: 'features',
      title: 'Features',
      body: `${dataRoles(manifest)}\n${featureTable(manifest, metrics?.importance ?? null)}`,
    },
    { id: 'artifacts', title: 'Artifacts', body: artifactsList(result) },
    { id: 'timings', title: 'Timings', body: timingsTable(result.timings) },
  ];
  const nav = sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('');
  const title = `Run report: ${spec.name} (${manifest.run_id})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Run report: ${esc(spec.name)}</h1>
<p class="subtitle">Model ${esc(spec.model_name)} · run <code>${esc(manifest.run_id)}</code> · ${esc(result.outcome)}</p>
${outcomeBanner(result)}
<nav aria-label="Sections"><ol>${nav}</ol></nav>
</header>
${sections.map(section).join('\n')}
</main>
</body>
</html>
`;
}

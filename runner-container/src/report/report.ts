/**
 * The self-contained HTML report a run writes to reports/{run_id}/report.html.
 * Minimal first version; the full report follows.
 */
import type { Metrics, RunManifest, RunResult } from '@talaty/schemas';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Renders the run report: a complete, offline HTML5 document. Deterministic for the same input. */
export function renderReport(input: { manifest: RunManifest; metrics: Metrics; result: RunResult }): string {
  const { manifest, result } = input;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Run ${escapeHtml(manifest.run_id)}</title></head>
<body><h1>Run ${escapeHtml(manifest.run_id)}</h1><p>Outcome: ${escapeHtml(result.outcome)}</p></body>
</html>
`;
}

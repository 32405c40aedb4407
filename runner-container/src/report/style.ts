/** The report's stylesheet: system fonts only, readable at laptop width, and print-friendly. */
export const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #59636e; --rule: #d0d7de; --pass: #1a7f37; --fail: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
code { font: 0.86em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0 0; }
nav a { color: #0a58ca; }
.banner { border: 2px solid; border-radius: 6px; padding: 10px 16px; margin: 16px 0; }
.banner p { margin: 4px 0; }
.banner-title { font-size: 1.2rem; font-weight: 700; }
.banner.pass { border-color: var(--pass); background: #eef8f0; }
.banner.fail { border-color: var(--fail); background: #fdf0ee; }
.banner.neutral { border-color: var(--rule); background: #f6f8fa; }
.failure-message { white-space: pre-wrap; font-weight: 600; }
span.pass { color: var(--pass); font-weight: 700; }
span.fail { color: var(--fail); font-weight: 700; }
.note { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: minmax(160px, max-content) 1fr; gap: 4px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; min-width: 0; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
figure { margin: 0; break-inside: avoid; }
figcaption { color: var(--muted); font-size: 0.85rem; }
svg.chart { width: 100%; max-width: 560px; height: auto; display: block; font: 11px system-ui, sans-serif; }
svg .axis line { stroke: #444; }
svg .axis line.grid { stroke: #e4e8ec; }
svg text { fill: #222; }
svg text.label { font-size: 12px; font-weight: 600; }
svg text.legend { font-size: 11.5px; }
svg text.note { font-size: 12px; font-weight: 700; }
@media (max-width: 700px) { main { padding: 16px; } .charts { grid-template-columns: 1fr; } dl.facts { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  table, .banner, figure, dl.facts { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .charts { grid-template-columns: 1fr 1fr; }
  .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

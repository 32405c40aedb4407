/** HTML tables and definition lists. Cells are HTML the caller has already escaped. */
import { esc } from './format.ts';

export interface Column {
  readonly header: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

/** A table with a caption, a header row, and a first column of row headers. */
export function table(caption: string, columns: ReadonlyArray<Column | string>, rows: ReadonlyArray<string[]>): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const cls = (c: Column | undefined) => (c?.numeric ? ' class="num"' : '');
  const head = cols.map((c) => `<th scope="col"${cls(c)}>${esc(c.header)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td${cls(cols[i])}>${cell}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Label/value pairs as a definition list; values are escaped HTML. */
export function facts(pairs: ReadonlyArray<readonly [string, string]>): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** Escaped text in a <code> element (ids, digests, URIs). */
export const code = (value: unknown): string => `<code>${esc(value)}</code>`;

/**
 * The outcome as a 0/1 vector (1 = bad) and optional row weights, with the errors a modeller
 * needs: a missing target column, missing cells, more or fewer than two outcomes.
 */
import { type Column, cellText, columnNamed, type Table } from '../data/table.ts';

export class DataError extends Error {
  override readonly name = 'DataError';
}

export type BadValue = number | boolean | string;

/** The --bad-value text as a number, a boolean or a string (in that order of preference). */
export function parseBadValue(text: string): BadValue {
  const trimmed = text.trim();
  if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return text;
}

/** How a cell is compared with the bad value: numbers by value, booleans case-insensitively, strings exactly. */
function cellKey(text: string, bad: BadValue): string {
  if (typeof bad === 'number') {
    const v = Number(text.trim());
    return text.trim() !== '' && !Number.isNaN(v) ? String(v) : text;
  }
  if (typeof bad === 'boolean') return text.trim().toLowerCase();
  return text;
}

export function requireColumn(table: Table, name: string, role: string): Column {
  const column = columnNamed(table, name);
  if (column === undefined) {
    const known = table.columns.map((c) => c.name);
    const shown = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
    throw new DataError(`${role} column "${name}" is not in the data (columns: ${shown})`);
  }
  return column;
}

export function targetVector(table: Table, column: string, bad: BadValue, sample: string): Float64Array {
  const c = requireColumn(table, column, 'target');
  const badKey = String(bad);
  const y = new Float64Array(table.rows);
  const seen = new Map<string, number>();
  for (let r = 0; r < table.rows; r++) {
    const text = cellText(c, r);
    if (text === null) throw new DataError(`${sample}: target "${column}" is missing at data row ${r + 1}`);
    const key = cellKey(text, bad);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    y[r] = key === badKey ? 1 : 0;
  }
  const values = [...seen.keys()];
  if (values.length > 2) {
    const shown = values
      .slice(0, 5)
      .map((v) => `"${v}"`)
      .join(', ');
    throw new DataError(
      `${sample}: target "${column}" has ${values.length} distinct values (${shown}${values.length > 5 ? ', …' : ''}); a binary target has two`,
    );
  }
  if (sample === 'train' && values.length < 2) {
    throw new DataError(`${sample}: target "${column}" is constant ("${values[0]}"); a model needs both outcomes`);
  }
  if (sample === 'train' && !seen.has(badKey)) {
    throw new DataError(
      `${sample}: no row of target "${column}" equals the bad value ${JSON.stringify(bad)} (values: ${values.join(', ')})`,
    );
  }
  return y;
}

export function weightVector(table: Table, column: string, sample: string): Float64Array {
  const c = requireColumn(table, column, 'weight');
  const w = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    const v = Number(cellText(c, r) ?? Number.NaN);
    if (!Number.isFinite(v) || v < 0) {
      throw new DataError(
        `${sample}: weight "${column}" at data row ${r + 1} must be a number ≥ 0, not ${cellText(c, r) ?? 'missing'}`,
      );
    }
    w[r] = v;
  }
  return w;
}

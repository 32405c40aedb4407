/**
 * Finds the Data API's `:name` placeholders in PostgreSQL text in one pass, skipping what is not
 * code: `::` casts, '…' strings ('' escapes), E'…' strings (backslash escapes), "quoted
 * identifiers", $tag$ dollar-quoted bodies, -- line comments and (nested) block comments.
 */

export interface Placeholder {
  readonly name: string;
  /** Offset of the colon. */
  readonly start: number;
  /** Offset just after the name. */
  readonly end: number;
}

const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** End of a quoted run that doubles its quote to escape it (and, for E'', honours backslashes). */
function endOfQuoted(sql: string, from: number, quote: string, backslashes: boolean): number {
  for (let i = from + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslashes && c === '\\') i++;
    else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
}

function endOfBlockComment(sql: string, from: number): number {
  let depth = 0;
  for (let i = from; i < sql.length; i++) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i++;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}

export function findPlaceholders(sql: string): Placeholder[] {
  const found: Placeholder[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const prev = i > 0 ? sql[i - 1] : undefined;
    if (c === "'") {
      const escaped = (prev === 'E' || prev === 'e') && !isIdentChar(i > 1 ? sql[i - 2] : undefined);
      i = endOfQuoted(sql, i, "'", escaped);
    } else if (c === '"') {
      i = endOfQuoted(sql, i, '"', false);
    } else if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = endOfBlockComment(sql, i);
    } else if (c === '$' && !isIdentChar(prev) && DOLLAR_TAG.test(sql.slice(i, i + 64))) {
      const tag = (DOLLAR_TAG.exec(sql.slice(i, i + 64)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? sql.length : close + tag.length;
    } else if (c === ':' && sql[i + 1] === ':') {
      i += 2;
    } else if (c === ':' && isIdentStart(sql[i + 1])) {
      let end = i + 2;
      while (end < sql.length && isIdentChar(sql[end]) && sql[end] !== '$') end++;
      found.push({ name: sql.slice(i + 1, end), start: i, end });
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

/** Replaces every placeholder with `replace(name)`, leaving all other text as it was. */
export function replacePlaceholders(
  sql: string,
  placeholders: readonly Placeholder[],
  replace: (name: string) => string,
) {
  let out = '';
  let at = 0;
  for (const p of placeholders) {
    out += sql.slice(at, p.start) + replace(p.name);
    at = p.end;
  }
  return out + sql.slice(at);
}

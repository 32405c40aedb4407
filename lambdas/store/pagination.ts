/**
 * Keyset pagination: lists run newest first on the `seq` column, and a cursor is the opaque
 * encoding of the last `seq` seen, so pages stay stable while rows are added.
 */
import type { Params, SqlValue } from './data-api.ts';

export class InvalidCursor extends Error {
  constructor() {
    super('not a cursor returned by this list');
    this.name = 'InvalidCursor';
  }
}

export const encodeCursor = (seq: number): string => Buffer.from(JSON.stringify({ s: seq })).toString('base64url');

export function decodeCursor(cursor: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const seq = (decoded as { s?: unknown } | null)?.s;
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0) return seq;
  } catch {
    // fall through: any undecodable cursor is invalid
  }
  throw new InvalidCursor();
}

/** How one list filter narrows the rows; the column comes from code, the value is always bound. */
export type Filter =
  | { readonly op: 'eq'; readonly column: string; readonly value: SqlValue }
  | { readonly op: 'prefix'; readonly column: string; readonly value: string }
  | { readonly op: 'has'; readonly column: string; readonly value: string };

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly filters?: readonly Filter[];
}

export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

/** The WHERE clause, ORDER BY and LIMIT of a page, and its parameters. */
export function pageClause(request: PageRequest, alias = ''): { sql: string; params: Params } {
  const column = (name: string) => (alias === '' ? name : `${alias}.${name}`);
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = { page_limit: request.limit + 1 };
  (request.filters ?? []).forEach((filter, i) => {
    const name = `f${i}`;
    params[name] = filter.value;
    if (filter.op === 'eq') conditions.push(`${column(filter.column)} = :${name}`);
    else if (filter.op === 'prefix') conditions.push(`starts_with(${column(filter.column)}, :${name})`);
    else conditions.push(`${column(filter.column)} @> jsonb_build_array(:${name}::text)`);
  });
  if (request.cursor !== undefined) {
    params.page_after = decodeCursor(request.cursor);
    conditions.push(`${column('seq')} < :page_after`);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  return { sql: `${where} ORDER BY ${column('seq')} DESC LIMIT :page_limit`, params };
}

/** Trims the look-ahead row and derives the next cursor from the last row kept. */
export function toPage<R extends { seq: unknown }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(Number(last.seq)) : null,
  };
}

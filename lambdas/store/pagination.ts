/**
 * Keyset pagination: lists run newest first on the `seq` column. A cursor is the opaque encoding of
 * the last `seq` seen and of the list it came from (table and filters), so pages stay stable while
 * rows are added and a cursor cannot be replayed against another list. A page also stops early
 * when its rows grow past a byte budget, because a Data API response carries at most 1 MiB.
 */
import { createHash } from 'node:crypto';
import { type Params, type SqlValue, uuid } from './data-api.ts';

/** Row text per page (PostgreSQL's rendering of the rows); JSON escaping can triple it on the wire. */
export const PAGE_BYTE_BUDGET = 256 * 1024;

export class InvalidCursor extends Error {
  constructor(reason = 'not a cursor returned by this list') {
    super(reason);
    this.name = 'InvalidCursor';
  }
}

export const encodeCursor = (seq: number, list: string): string =>
  Buffer.from(JSON.stringify({ s: seq, l: list })).toString('base64url');

export function decodeCursor(cursor: string, list: string): number {
  let decoded: { s?: unknown; l?: unknown } | null = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // any undecodable cursor is invalid
  }
  const seq = decoded?.s;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) throw new InvalidCursor();
  if (decoded?.l !== list) throw new InvalidCursor('this cursor belongs to another list or to other filters');
  return seq;
}

/** Identifies a list: its table and its active filters (a cursor is only valid for the same list). */
export const listIdentity = (table: string, filters: readonly Filter[]): string =>
  createHash('sha256')
    .update(JSON.stringify([table, active(filters)]))
    .digest('base64url')
    .slice(0, 16);

/**
 * How one list filter narrows the rows: equal (`uuid` for uuid columns), starts with, or a jsonb
 * array holding the value. The column comes from code, the value is always bound; a filter whose
 * value is undefined (the query did not name it) does nothing.
 */
export type Filter =
  | { readonly op: 'eq'; readonly column: string; readonly value: SqlValue | undefined }
  | { readonly op: 'uuid' | 'prefix' | 'has'; readonly column: string; readonly value: string | undefined };

type ActiveFilter = Filter & { readonly value: SqlValue };

const active = (filters: readonly Filter[]): ActiveFilter[] =>
  filters.filter((f): f is ActiveFilter => f.value !== undefined);

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly filters?: readonly Filter[];
}

export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

/**
 * The SQL of one page of `table`: the rows matching the filters after the cursor, newest first, at
 * most `limit`, stopping before the row that would take the page past the byte budget (the first row
 * always comes). `page_total` counts the candidates, one past the limit when more rows follow.
 */
export function pageQuery(table: string, columns: string, request: PageRequest): { sql: string; params: Params } {
  const filters = request.filters ?? [];
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = {
    page_candidates: request.limit + 1,
    page_size: request.limit,
    page_budget: PAGE_BYTE_BUDGET,
  };
  active(filters).forEach((filter, i) => {
    const name = `f${i}`;
    params[name] = filter.op === 'uuid' ? uuid(filter.value as string) : filter.value;
    if (filter.op === 'eq' || filter.op === 'uuid') conditions.push(`${filter.column} = :${name}`);
    else if (filter.op === 'prefix') conditions.push(`starts_with(${filter.column}, :${name})`);
    else conditions.push(`${filter.column} @> jsonb_build_array(:${name}::text)`);
  });
  if (request.cursor !== undefined) {
    params.page_after = decodeCursor(request.cursor, listIdentity(table, filters));
    conditions.push('seq < :page_after');
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const sql = `WITH candidates AS (
    SELECT seq, octet_length(candidate::text) AS bytes FROM ${table} candidate ${where}
    ORDER BY seq DESC LIMIT :page_candidates
  ), sized AS (
    SELECT seq, row_number() OVER (ORDER BY seq DESC) AS page_n, count(*) OVER () AS page_total,
           sum(bytes) OVER (ORDER BY seq DESC ROWS UNBOUNDED PRECEDING) AS page_bytes
    FROM candidates
  )
  SELECT ${columns}, sized.page_total FROM ${table} JOIN sized USING (seq)
  WHERE sized.page_n <= :page_size AND (sized.page_n = 1 OR sized.page_bytes <= :page_budget)
  ORDER BY seq DESC`;
  return { sql, params };
}

export interface PageRow {
  readonly seq: unknown;
  readonly page_total: unknown;
}

/** The page's items, and the next cursor when candidates were left out (by the limit or the budget). */
export function toPage<R extends PageRow, T>(
  rows: R[],
  table: string,
  request: PageRequest,
  map: (row: R) => T,
): Page<T> {
  const last = rows.at(-1);
  const more = last !== undefined && rows.length < Number(last.page_total);
  return {
    items: rows.map(map),
    next_cursor: more ? encodeCursor(Number(last.seq), listIdentity(table, request.filters ?? [])) : null,
  };
}

/** Runs the page query of `table` and maps its rows. */
export async function listPage<T>(
  sql: { query<R extends Record<string, unknown>>(text: string, params?: Params): Promise<R[]> },
  table: string,
  columns: string,
  request: PageRequest,
  map: (row: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const query = pageQuery(table, columns, request);
  const rows = await sql.query<Record<string, unknown> & PageRow>(query.sql, query.params);
  return toPage(rows, table, request, map);
}

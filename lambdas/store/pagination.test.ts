import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursor, pageClause, toPage } from './pagination.ts';
import { isoTimestamp } from './rows.ts';

describe('cursors', () => {
  it('round-trip and reject anything not made here', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    for (const bad of [
      '',
      'garbage',
      Buffer.from('{"s":-1}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursor);
    }
  });

  it('binds every filter value and the cursor as parameters', () => {
    const clause = pageClause({
      limit: 10,
      cursor: encodeCursor(7),
      filters: [
        { op: 'prefix', column: 'name', value: "x'; DROP TABLE y; --" },
        { op: 'has', column: 'tags', value: 'a' },
        { op: 'eq', column: 'status', value: 'READY' },
      ],
    });
    expect(clause.sql).toBe(
      'WHERE starts_with(name, :f0) AND tags @> jsonb_build_array(:f1::text) AND status = :f2 AND seq < :page_after ' +
        'ORDER BY seq DESC LIMIT :page_limit',
    );
    expect(clause.params).toEqual({ page_limit: 11, f0: "x'; DROP TABLE y; --", f1: 'a', f2: 'READY', page_after: 7 });
  });

  it('gives a next cursor only when a look-ahead row exists', () => {
    const rows = [{ seq: 9 }, { seq: 8 }, { seq: 5 }];
    expect(toPage(rows, 2, (r) => r.seq)).toEqual({ items: [9, 8], next_cursor: encodeCursor(8) });
    expect(toPage(rows, 3, (r) => r.seq)).toEqual({ items: [9, 8, 5], next_cursor: null });
  });
});

describe('isoTimestamp', () => {
  it('turns the Data API rendering into ISO 8601 UTC with milliseconds', () => {
    expect(isoTimestamp('2026-11-27 02:47:52.123456')).toBe('2026-11-27T02:47:52.123Z');
    expect(isoTimestamp('2026-11-27 02:47:52.1')).toBe('2026-11-27T02:47:52.100Z');
    expect(isoTimestamp('2026-11-27 02:47:52')).toBe('2026-11-27T02:47:52.000Z');
    expect(() => isoTimestamp('yesterday')).toThrow(/unreadable/);
  });
});

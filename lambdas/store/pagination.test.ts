import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursor, listIdentity, pageQuery, toPage } from './pagination.ts';
import { isoTimestamp } from './rows.ts';

describe('cursors', () => {
  it('round-trip within their list and are refused by another list or other filters', () => {
    const list = listIdentity('datasets', []);
    expect(decodeCursor(encodeCursor(42, list), list)).toBe(42);
    const other = listIdentity('features', []);
    expect(() => decodeCursor(encodeCursor(42, list), other)).toThrow(/another list/);
    const filtered = listIdentity('datasets', [{ op: 'eq', column: 'created_by', value: 'a' }]);
    expect(filtered).not.toBe(list);
    expect(() => decodeCursor(encodeCursor(42, list), filtered)).toThrow(InvalidCursor);
    for (const bad of [
      '',
      'garbage',
      Buffer.from('{"s":-1}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad, list)).toThrow(InvalidCursor);
    }
  });

  it('binds every filter value and the cursor as parameters', () => {
    const filters = [
      { op: 'prefix', column: 'name', value: "x'; DROP TABLE y; --" },
      { op: 'has', column: 'tags', value: 'a' },
      { op: 'eq', column: 'status', value: 'READY' },
    ] as const;
    const query = pageQuery('datasets', 'seq, id', {
      limit: 10,
      cursor: encodeCursor(7, listIdentity('datasets', filters)),
      filters,
    });
    expect(query.sql).toContain(
      'WHERE starts_with(name, :f0) AND tags @> jsonb_build_array(:f1::text) AND status = :f2 AND seq < :page_after',
    );
    expect(query.sql).not.toContain('DROP');
    expect(query.params).toMatchObject({
      page_candidates: 11,
      page_size: 10,
      f0: "x'; DROP TABLE y; --",
      page_after: 7,
    });
  });

  it('gives a next cursor exactly when candidates were left out', () => {
    const rows = [
      { seq: 9, page_total: 3 },
      { seq: 8, page_total: 3 },
    ];
    const request = { limit: 2 };
    expect(toPage(rows, 't', request, (r) => r.seq)).toEqual({
      items: [9, 8],
      next_cursor: encodeCursor(8, listIdentity('t', [])),
    });
    expect(
      toPage(
        rows.map((r) => ({ ...r, page_total: 2 })),
        't',
        request,
        (r) => r.seq,
      ).next_cursor,
    ).toBeNull();
    expect(toPage([], 't', request, (r) => r)).toEqual({ items: [], next_cursor: null });
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

import { describe, expect, it } from 'vitest';
import { migrationsHash } from './migrations.ts';

const first = { id: '0001-initial', sql: 'CREATE TABLE a (id uuid);\n' };
const second = { id: '0002-b', sql: 'CREATE TABLE b (id uuid);\n' };

describe('migrationsHash', () => {
  it('is stable for the same migrations', () => {
    expect(migrationsHash([first, second])).toBe(migrationsHash([{ ...first }, { ...second }]));
    expect(migrationsHash([first])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when a migration is added, edited, renamed or reordered', () => {
    const base = migrationsHash([first]);
    const variants = [
      [first, second],
      [{ ...first, sql: `${first.sql} ` }],
      [{ ...first, id: '0001-renamed' }],
      [second, first],
    ].map((list) => migrationsHash(list));
    expect(new Set([base, ...variants]).size).toBe(5);
    expect(variants[3]).not.toBe(variants[0]);
  });

  it('keeps the boundary between id and SQL unambiguous', () => {
    expect(migrationsHash([{ id: 'a', sql: 'b\nc' }])).not.toBe(migrationsHash([{ id: 'a\nb', sql: 'c' }]));
  });
});

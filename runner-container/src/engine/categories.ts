/** The categories of a categorical feature that get their own bin: the most frequent first. */
import { type Column, cellText } from '../data/table.ts';

export function topCategories(
  column: Column,
  specialValues: readonly string[],
  fill: string | null,
  max: number,
): string[] {
  const specials = new Set(specialValues);
  const counts = new Map<string, number>();
  for (let r = 0; r < column.values.length; r++) {
    let text = cellText(column, r);
    if (text !== null && specials.has(text)) text = null;
    if (text === null) text = fill;
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max)
    .map(([category]) => category);
}

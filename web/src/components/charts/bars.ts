/** Horizontal bar geometry: one row per item, bar lengths proportional to the value. */
import { linearScale } from './scale.ts';

export interface Bar<T> {
  readonly item: T;
  readonly y: number;
  readonly width: number;
}

/**
 * Bars for `items` (in the given order), `rowHeight` pixels apart from y = 0, the longest value
 * `maxWidth` pixels long; negative values count as 0.
 */
export function barLayout<T>(
  items: readonly T[],
  value: (item: T) => number,
  maxWidth: number,
  rowHeight: number,
): Bar<T>[] {
  const largest = items.reduce((max, item) => Math.max(max, value(item)), 0);
  const x = linearScale([0, largest === 0 ? 1 : largest], [0, maxWidth]);
  return items.map((item, i) => ({ item, y: i * rowHeight, width: Math.max(0, x(Math.max(0, value(item)))) }));
}

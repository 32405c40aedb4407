/** SVG path data for lines and point markers, in pixels from two scales. */
import type { Scale } from './scale.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

const round = (value: number) => Math.round(value * 100) / 100;

/** `M x,y L x,y …` through the finite points, in order; an empty string for none. */
export function linePath(points: readonly Point[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${round(x(p.x))},${round(y(p.y))}`);
  }
  return parts.join('');
}

/**
 * At most `max` points spread evenly along a series, first and last included: where its markers
 * go, so a dense curve stays readable.
 */
export function spreadPoints<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  if (max <= 1) return points.slice(0, Math.max(0, max));
  const picked: T[] = [];
  for (let i = 0; i < max; i++) {
    picked.push(points[Math.round((i * (points.length - 1)) / (max - 1))] as T);
  }
  return picked;
}

/** A closed path for one marker of `size` pixels centred on (cx, cy). */
export function markerPath(shape: MarkerShape, cx: number, cy: number, size: number): string {
  const r = size / 2;
  const [x, y] = [round(cx), round(cy)];
  switch (shape) {
    case 'square':
      return `M${round(x - r)},${round(y - r)}h${size}v${size}h${-size}Z`;
    case 'triangle':
      return `M${x},${round(y - r)}L${round(x + r)},${round(y + r)}L${round(x - r)},${round(y + r)}Z`;
    case 'diamond':
      return `M${x},${round(y - r)}L${round(x + r)},${y}L${x},${round(y + r)}L${round(x - r)},${y}Z`;
    case 'cross':
      return `M${round(x - r)},${round(y - r)}L${round(x + r)},${round(y + r)}M${round(x + r)},${round(y - r)}L${round(x - r)},${round(y + r)}`;
    default:
      return `M${round(x - r)},${y}a${r},${r} 0 1,0 ${size},0a${r},${r} 0 1,0 ${-size},0Z`;
  }
}

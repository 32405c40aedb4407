import { describe, expect, it } from 'vitest';
import { linePath, markerPath, spreadPoints } from './path.ts';
import { linearScale } from './scale.ts';

const x = linearScale([0, 1], [0, 100]);
const y = linearScale([0, 1], [100, 0]);

describe('linePath', () => {
  it('moves to the first point and draws lines through the rest, y flipped', () => {
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 0.5, y: 0.8 },
          { x: 1, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('M0,100L50,20L100,0');
  });

  it('skips points that are not finite and rounds to hundredths', () => {
    expect(
      linePath(
        [
          { x: Number.NaN, y: 0 },
          { x: 1 / 3, y: 1 / 3 },
          { x: 1, y: Number.POSITIVE_INFINITY },
        ],
        x,
        y,
      ),
    ).toBe('M33.33,66.67');
    expect(linePath([], x, y)).toBe('');
  });
});

describe('spreadPoints', () => {
  it('keeps at most max points, evenly spread, the ends included', () => {
    const points = Array.from({ length: 101 }, (_, i) => i);
    expect(spreadPoints(points, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(spreadPoints([1, 2, 3], 8)).toEqual([1, 2, 3]);
  });
});

describe('markerPath', () => {
  it('draws each shape centred on its point', () => {
    expect(markerPath('square', 10, 10, 6)).toBe('M7,7h6v6h-6Z');
    expect(markerPath('triangle', 10, 10, 6)).toBe('M10,7L13,13L7,13Z');
    expect(markerPath('diamond', 10, 10, 6)).toBe('M10,7L13,10L10,13L7,10Z');
    expect(markerPath('circle', 10, 10, 6)).toBe('M7,10a3,3 0 1,0 6,0a3,3 0 1,0 -6,0Z');
  });
});

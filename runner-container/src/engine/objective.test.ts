import { describe, expect, it } from 'vitest';
import { binaryLogistic, squaredError } from './objective.ts';

/** Central finite differences of the loss against the analytic gradient and hessian. */
describe.each([binaryLogistic, squaredError])('$name objective', (objective) => {
  const raws = [-8, -2.5, -0.3, 0, 0.7, 3, 9];
  const step = 1e-4;
  it.each([0, 1])('matches finite differences for y = %i', (y) => {
    const raw = Float64Array.from(raws);
    const grad = new Float64Array(raws.length);
    const hess = new Float64Array(raws.length);
    objective.gradients(raw, new Float64Array(raws.length).fill(y), null, grad, hess);
    raws.forEach((r, i) => {
      const up = objective.loss(r + step, y);
      const down = objective.loss(r - step, y);
      const mid = objective.loss(r, y);
      expect(grad[i]).toBeCloseTo((up - down) / (2 * step), 6);
      expect(hess[i]).toBeCloseTo((up - 2 * mid + down) / (step * step), 4);
    });
  });

  it('scales gradients and hessians by the row weight', () => {
    const raw = Float64Array.of(0.4, 0.4);
    const y = Float64Array.of(1, 1);
    const g = new Float64Array(2);
    const h = new Float64Array(2);
    objective.gradients(raw, y, Float64Array.of(1, 3), g, h);
    expect(g[1]).toBeCloseTo(3 * (g[0] as number), 15);
    expect(h[1]).toBeCloseTo(3 * (h[0] as number), 15);
  });

  it('starts from the loss-minimising constant', () => {
    const y = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0);
    const base = objective.baseScore(y, null);
    const g = new Float64Array(8);
    const h = new Float64Array(8);
    objective.gradients(new Float64Array(8).fill(base), y, null, g, h);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });
});

it('computes log loss without overflow at extreme raw scores', () => {
  expect(binaryLogistic.loss(800, 0)).toBeCloseTo(800, 9);
  expect(binaryLogistic.loss(-800, 1)).toBeCloseTo(800, 9);
  expect(binaryLogistic.loss(800, 1)).toBe(0);
});

import { describe, expect, it } from 'vitest';
import { linearScale, niceDomain, tickLabel, tickStep, ticks } from './scale.ts';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const x = linearScale([0, 1], [50, 450]);
    expect(x(0)).toBe(50);
    expect(x(0.5)).toBe(250);
    expect(x(1)).toBe(450);
    const y = linearScale([0, 1], [260, 10]);
    expect(y(0)).toBe(260);
    expect(y(0.2)).toBeCloseTo(210, 10);
    expect(y(1)).toBe(10);
  });

  it('maps a zero-width domain to the start of the range instead of NaN', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(0);
  });
});

describe('ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(tickStep(0, 1, 5)).toBe(0.2);
    expect(tickStep(0, 0.3, 5)).toBe(0.1);
    expect(tickStep(0, 870, 5)).toBe(200);
    expect(tickStep(0, 0.07, 5)).toBe(0.02);
  });

  it('lists round values inside the domain without floating-point dust', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0.03, 0.41)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(ticks(2, 2)).toEqual([2]);
  });

  it('widens a domain outward to whole steps', () => {
    expect(niceDomain(0.03, 0.41)).toEqual([0, 0.5]);
    expect(niceDomain(0, 0)).toEqual([0, 1]);
  });

  it('labels ticks with the decimals the step needs', () => {
    expect(tickLabel(0.4, 0.2)).toBe('0.4');
    expect(tickLabel(0.04, 0.02)).toBe('0.04');
    expect(tickLabel(400, 200)).toBe('400');
  });
});

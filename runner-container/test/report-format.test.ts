/** The report's text formatting: escaping and locale-independent numbers. */
import { describe, expect, it } from 'vitest';
import { count, esc, num, percent, pValue, truncate } from '../src/report/format.ts';

describe('report formatting', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(esc(`<a href="x">Tom & 'Jerry'</a> é`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; é',
    );
    expect(esc(42)).toBe('42');
  });

  it('formats numbers the same way in every locale', () => {
    expect(num(0.88349)).toBe('0.8835');
    expect(num(-0.00001, 2)).toBe('0.00');
    expect(num(null)).toBe('—');
    expect(num(Number.NaN)).toBe('n/a');
    expect(count(1234567)).toBe('1\u202f234\u202f567');
    expect(count(999)).toBe('999');
    expect(percent(0.07801)).toBe('7.80%');
  });

  it('shows tiny p-values as a bound rather than zero', () => {
    expect(pValue(0.332)).toBe('0.3320');
    expect(pValue(3e-9)).toBe('< 0.0001');
    expect(pValue(0)).toBe('0.0000');
    expect(pValue(null)).toBe('—');
  });

  it('shortens long labels with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

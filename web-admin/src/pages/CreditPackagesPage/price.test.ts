import { describe, expect, it } from 'vitest';
import { centsToDollars, dollarsToCents } from './price';

describe('dollarsToCents', () => {
  it('converts by the digits, without float error', () => {
    expect(dollarsToCents('79.99')).toBe(7999);
    expect(dollarsToCents('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(dollarsToCents('79.9')).toBe(7990);
    expect(dollarsToCents('79')).toBe(7900);
    expect(dollarsToCents(' $1,000.50 ')).toBe(100050);
  });

  it('refuses anything that is not dollars and cents', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '.5.']) expect(dollarsToCents(bad)).toBeNull();
  });

  it('round-trips the cents it shows for editing', () => {
    expect(centsToDollars(7999)).toBe('79.99');
    expect(centsToDollars(7500)).toBe('75.00');
    expect(centsToDollars(5)).toBe('0.05');
    expect(dollarsToCents(centsToDollars(123456))).toBe(123456);
  });
});

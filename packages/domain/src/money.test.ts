import { describe, expect, it } from 'vitest';
import {
  add,
  centsToUsd,
  formatUsd,
  compare,
  creditsToUsd,
  fromUnits,
  multiply,
  subtract,
  toUnits,
  usdToCents,
  usdToCredits,
} from './money.js';

describe('exact money', () => {
  it('parses and formats with 4 places', () => {
    expect(toUnits('12.5')).toBe(125000n);
    expect(fromUnits(-375n)).toBe('-0.0375');
    expect(add('0.1', '0.2')).toBe('0.3000'); // the float classic, exact here
    expect(subtract('1', '0.0001')).toBe('0.9999');
  });
  it('refuses more than 4 significant decimal places and junk', () => {
    expect(() => toUnits('0.00001')).toThrow(RangeError);
    expect(() => toUnits('1e3')).toThrow(RangeError);
    expect(toUnits('0.10000')).toBe(1000n);
  });
  it('multiplies with half-away-from-zero rounding', () => {
    expect(multiply('0.2175', '0.85')).toBe('0.1849');
    expect(multiply('0.0001', '0.5')).toBe('0.0001');
    expect(multiply('-0.0001', '0.5')).toBe('-0.0001');
    expect(multiply('0.05', '5')).toBe('0.2500');
  });
  it('converts credits, dollars and cents', () => {
    expect(creditsToUsd('1000')).toBe('100.0000');
    expect(usdToCredits('0.0875')).toBe('0.8750');
    expect(centsToUsd(7500)).toBe('75.0000');
    expect(usdToCents('75.00')).toBe(7500n);
    expect(() => usdToCents('0.001')).toThrow(RangeError);
    expect(compare('0.10', '0.1')).toBe(0);
  });

  it('formats dollars for messages', () => {
    expect(formatUsd('50')).toBe('$50.00');
    expect(formatUsd('11.1650')).toBe('$11.17');
    expect(formatUsd('-1234567.004')).toBe('-$1,234,567.00');
  });
});

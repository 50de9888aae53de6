import { describe, expect, it } from 'vitest';
import { formatCents, formatCredits, formatUsd } from '@hotlead/ui';

describe('money formats', () => {
  it('formats Decimal strings exactly', () => {
    expect(formatUsd('1234.5000')).toBe('$1,234.50');
    expect(formatUsd('-0.3000')).toBe('-$0.30');
    expect(formatUsd('9007199254740993.0000')).toBe('$9,007,199,254,740,993.00');
    expect(formatCents(7500)).toBe('$75.00');
    expect(formatCredits('12500.0000')).toBe('12,500');
    expect(formatCredits('850.5000')).toBe('850.5');
    expect(formatUsd(null)).toBe('—');
  });
});

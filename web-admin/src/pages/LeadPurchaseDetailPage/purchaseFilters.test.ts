import { describe, expect, it } from 'vitest';
import { describeFilters } from './purchaseFilters';

describe('describeFilters', () => {
  it('reads each filter as label: value, in the order it was kept', () => {
    expect(
      describeFilters({
        countries: ['US', 'CA'],
        hasPhone: true,
        emailVerified: false,
        intentMin: 60,
        priceMax: '5.0000',
        customThing: 'x',
        nested: { a: 1 },
      }),
    ).toEqual([
      { label: 'Countries', value: 'US, CA' },
      { label: 'Has phone', value: 'yes' },
      { label: 'Verified email', value: 'no' },
      { label: 'Intent at least', value: '60' },
      { label: 'Price at most', value: '5.0000' },
      { label: 'customThing', value: 'x' },
      { label: 'nested', value: '{"a":1}' },
    ]);
  });

  it('has nothing for no filters, an empty object or blank values', () => {
    expect(describeFilters(null)).toEqual([]);
    expect(describeFilters(undefined)).toEqual([]);
    expect(describeFilters({})).toEqual([]);
    expect(describeFilters([])).toEqual([]);
    expect(describeFilters({ countries: [], companyName: '', hasPhone: null })).toEqual([]);
  });
});

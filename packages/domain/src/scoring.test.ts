import { describe, expect, it } from 'vitest';
import { companySizeBand, freshnessScore, intentScore, isGenericEmail, listPrice, seniorityFromTitle } from './scoring.js';

const complete = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@acme.com',
  phone: '+14155550100',
  jobTitle: 'CEO',
  companyName: 'Acme',
  companyDomain: 'acme.com',
  city: 'Austin',
  country: 'US',
} as const;

describe('intent score (seed 000 §5.1)', () => {
  it.each([
    // seniority, employees, email, phone, complete? → expected
    [
      'C-suite at 1,000 staff, work email matching domain, phone, complete',
      { ...complete, seniority: 'C_SUITE', companyEmployeeCount: 1000 },
      100,
    ],
    ['VP at 300', { ...complete, seniority: 'VP', companyEmployeeCount: 300 }, 20 + 20 + 15 + 20 + 10 + 10],
    [
      'director at 100, no phone (incomplete)',
      { ...complete, seniority: 'DIRECTOR', companyEmployeeCount: 100, phone: null },
      15 + 15 + 15 + 0 + 10 + 0,
    ],
    [
      'manager at 20, gmail address',
      { ...complete, seniority: 'MANAGER', companyEmployeeCount: 20, email: 'ada@gmail.com' },
      10 + 10 - 10 + 20 + 0 + 10,
    ],
    [
      'unknown seniority, 5 staff, role address, no phone',
      { ...complete, seniority: 'UNKNOWN', companyEmployeeCount: 5, email: 'info@acme.com', phone: null },
      5 + 5 - 10 + 0 + 10 + 0,
    ],
    ['no email at all, tiny company', { seniority: 'ENTRY', companyEmployeeCount: 0, email: null, phone: null }, 1],
  ] as const)('%s', (_label, lead, expected) => {
    expect(intentScore(lead)).toBe(expected);
  });
});

describe('freshness score (sigmoid, k 0.15, midpoint 30, max 100, floor 5)', () => {
  it.each([
    [0, 99],
    [14, 92],
    [30, 50],
    [45, 10],
    [60, 5],
    [365, 5],
  ])('day %i → %i', (days, expected) => {
    expect(freshnessScore(days)).toBe(expected);
  });
  it('never increases with age', () => {
    for (let d = 0; d < 120; d++) expect(freshnessScore(d + 1)).toBeLessThanOrEqual(freshnessScore(d));
  });
});

describe('list price (seed 000 §5.3, catch-all × 0.85)', () => {
  it.each([
    [{ intentScore: 80, freshnessScore: 90, hasPhone: true, verification: 'VALID' }, '0.2375'], // 0.05×2.5×1.5 + 0.03 + 0.02
    [{ intentScore: 50, freshnessScore: 50, hasPhone: false, verification: 'PENDING' }, '0.0750'], // 0.05×1.5×1
    [{ intentScore: 10, freshnessScore: 10, hasPhone: false, verification: 'UNKNOWN' }, '0.0250'], // 0.05×1×0.5
    [{ intentScore: 80, freshnessScore: 90, hasPhone: true, verification: 'CATCH_ALL' }, '0.1849'], // (0.1875+0.03)×0.85 = 0.184875
    [{ intentScore: 33, freshnessScore: 80, hasPhone: true, verification: 'VALID' }, '0.1250'], // 0.075 + 0.05
    [{ intentScore: 67, freshnessScore: 29, hasPhone: false, verification: 'INVALID' }, '0.0625'], // 0.05×2.5×0.5
  ] as const)('%o → %s', (input, expected) => {
    expect(listPrice(input)).toBe(expected);
  });
  it('never lists below the partner minimum', () => {
    expect(listPrice({ intentScore: 10, freshnessScore: 10, hasPhone: false, verification: 'UNKNOWN', minimumPrice: '0.10' })).toBe(
      '0.1000',
    );
    expect(listPrice({ intentScore: 80, freshnessScore: 90, hasPhone: true, verification: 'VALID', minimumPrice: '0.10' })).toBe('0.2375');
  });
});

describe('helpers', () => {
  it('detects generic addresses', () => {
    expect(isGenericEmail('sales@acme.com')).toBe(true);
    expect(isGenericEmail('jane@yahoo.com')).toBe(true);
    expect(isGenericEmail('jane@acme.com')).toBe(false);
  });
  it.each([
    ['Chief Executive Officer', 'C_SUITE'],
    ['VP of Sales', 'VP'],
    ['Marketing Director', 'DIRECTOR'],
    ['Account Manager', 'MANAGER'],
    ['Senior Engineer', 'SENIOR'],
    ['Sales Associate', 'ENTRY'],
    ['Wizard', 'UNKNOWN'],
  ])('%s → %s', (title, level) => expect(seniorityFromTitle(title)).toBe(level));
  it('bands company sizes', () => {
    expect(companySizeBand(8)).toBe('S_1_10');
    expect(companySizeBand(501)).toBe('S_501_1000');
    expect(companySizeBand(9000)).toBe('S_5001_PLUS');
    expect(companySizeBand(null)).toBeNull();
  });
});

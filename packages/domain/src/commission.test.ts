import { describe, expect, it } from 'vitest';
import { calculateCommission, earningAvailableAt, payableAmount, payoutPeriodKey, type CommissionBonus } from './commission.js';

const uploaded = new Date('2026-11-01T00:00:00Z');
const days = (n: number) => new Date(uploaded.getTime() + n * 86_400_000);

describe('calculateCommission (seed 000 §8.1)', () => {
  const cases: {
    name: string;
    salePrice: string;
    baseRate?: string;
    soldAfterDays: number;
    passRate: string | null;
    uploadedTotal: number;
    rate: string;
    amount: string;
    bonuses: CommissionBonus[];
  }[] = [
    {
      name: 'base only',
      salePrice: '1.00',
      soldAfterDays: 30,
      passRate: '80',
      uploadedTotal: 10,
      rate: '0.3000',
      amount: '0.3000',
      bonuses: [],
    },
    {
      name: 'fresh sale on day 7',
      salePrice: '1.00',
      soldAfterDays: 7,
      passRate: null,
      uploadedTotal: 0,
      rate: '0.4000',
      amount: '0.4000',
      bonuses: ['fresh_sale'],
    },
    {
      name: 'not fresh a minute after day 7',
      salePrice: '1.00',
      soldAfterDays: 7.001,
      passRate: null,
      uploadedTotal: 0,
      rate: '0.3000',
      amount: '0.3000',
      bonuses: [],
    },
    {
      name: 'high verification at exactly 95 %',
      salePrice: '2.50',
      soldAfterDays: 20,
      passRate: '95',
      uploadedTotal: 0,
      rate: '0.3500',
      amount: '0.8750',
      bonuses: ['high_verification'],
    },
    {
      name: 'verification 94.99 % earns nothing',
      salePrice: '2.50',
      soldAfterDays: 20,
      passRate: '94.99',
      uploadedTotal: 0,
      rate: '0.3000',
      amount: '0.7500',
      bonuses: [],
    },
    {
      name: 'volume at exactly 10,000',
      salePrice: '0.80',
      soldAfterDays: 20,
      passRate: null,
      uploadedTotal: 10_000,
      rate: '0.3500',
      amount: '0.2800',
      bonuses: ['volume'],
    },
    {
      name: 'volume at 9,999 earns nothing',
      salePrice: '0.80',
      soldAfterDays: 20,
      passRate: null,
      uploadedTotal: 9_999,
      rate: '0.3000',
      amount: '0.2400',
      bonuses: [],
    },
    {
      name: 'all bonuses: 50 % exactly',
      salePrice: '0.75',
      soldAfterDays: 1,
      passRate: '99',
      uploadedTotal: 20_000,
      rate: '0.5000',
      amount: '0.3750',
      bonuses: ['fresh_sale', 'high_verification', 'volume'],
    },
    {
      name: 'higher base capped at 50 %',
      salePrice: '3.33',
      baseRate: '0.40',
      soldAfterDays: 0,
      passRate: '100',
      uploadedTotal: 50_000,
      rate: '0.5000',
      amount: '1.6650',
      bonuses: ['fresh_sale', 'high_verification', 'volume'],
    },
    {
      name: 'rounds half away from zero to 4 places',
      salePrice: '0.0333',
      soldAfterDays: 30,
      passRate: null,
      uploadedTotal: 0,
      rate: '0.3000',
      amount: '0.0100',
      bonuses: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const result = calculateCommission({
      salePrice: c.salePrice,
      baseRate: c.baseRate ?? '0.30',
      leadUploadedAt: uploaded,
      soldAt: days(c.soldAfterDays),
      verificationPassRate: c.passRate,
      totalLeadsUploaded: c.uploadedTotal,
    });
    expect(result).toEqual({ rate: c.rate, amount: c.amount, bonuses: c.bonuses });
  });
});

describe('payout schedules', () => {
  it('lead sales are available 14 days after the sale', () => {
    expect(earningAvailableAt('LEAD_SALE', days(0)).toISOString()).toBe('2026-11-15T00:00:00.000Z');
  });
  it('program commissions are net 30 after the month they were earned', () => {
    expect(earningAvailableAt('PROGRAM', new Date('2026-11-12T10:00:00Z')).toISOString()).toBe('2026-12-31T00:00:00.000Z');
  });
  it('data-pack shares are available at once', () => {
    expect(earningAvailableAt('DATA_PACK', uploaded)).toEqual(uploaded);
  });
  it('period keys: the Monday of the week, or the month', () => {
    expect(payoutPeriodKey('LEAD_SALES', new Date('2026-11-23T02:00:00Z'))).toBe('LEAD_SALES:2026-11-23');
    expect(payoutPeriodKey('LEAD_SALES', new Date('2026-11-29T23:00:00Z'))).toBe('LEAD_SALES:2026-11-23');
    expect(payoutPeriodKey('DATA_PACKS', new Date('2026-12-05T06:00:00Z'))).toBe('DATA_PACKS:2026-12');
  });
  it('payouts move whole cents', () => {
    expect(payableAmount('50.1299')).toBe('50.1200');
    expect(payableAmount('-3.0000')).toBe('0.0000');
  });
});

// The ranking formula without a database: eligibility with its reasons, the score's parts, the order
// of ties, and the UTC windows the caps count in.
import { describe, expect, it } from 'vitest';
import { capWindows, disputeFactor, judge, rank, responseFactor, type CandidateFacts } from './ranking.js';

const place = { country: 'US', region: 'CA', postalCode: '94110' };

function facts(overrides: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    workspaceId: '00000000-0000-4000-8000-000000000001',
    exactNiche: true,
    countries: ['US'],
    regions: [],
    postalPrefixes: [],
    capPerDay: null,
    capPerWeek: null,
    capPerMonth: null,
    deliveredToday: 0,
    deliveredThisWeek: 0,
    deliveredThisMonth: 0,
    price: '25',
    balance: '100',
    medianResponseSeconds: null,
    deliveries: 0,
    upheldDisputes: 0,
    alreadyAssigned: false,
    ...overrides,
  };
}

describe('eligibility', () => {
  it.each([
    [{ alreadyAssigned: true }, 'already assigned this request'],
    [{ countries: ['DE'] }, 'country not served'],
    [{ regions: ['NY', 'TX'] }, 'region not served'],
    [{ postalPrefixes: ['100'] }, 'postal code not served'],
    [{ capPerDay: 2, deliveredToday: 2 }, 'daily cap reached'],
    [{ capPerWeek: 5, deliveredThisWeek: 5 }, 'weekly cap reached'],
    [{ capPerMonth: 0 }, 'monthly cap reached'],
    [{ balance: '24.9999' }, 'insufficient credits'],
  ] as [Partial<CandidateFacts>, string][])('skips %j: %s', (overrides, reason) => {
    expect(judge(place, facts(overrides))).toEqual({ eligible: false, reason });
  });

  it('matches regions case-insensitively and postal prefixes without spaces', () => {
    const judged = judge(
      { country: 'GB', region: 'london', postalCode: 'sw1a 1aa' },
      facts({ countries: ['GB'], regions: ['LONDON'], postalPrefixes: ['SW1'] }),
    );
    expect(judged).toMatchObject({ eligible: true, details: { regionListed: true, postalPrefixMatched: true, fit: 1.2 } });
  });

  it('a provider restricted to regions does not get a request without one', () => {
    expect(judge({ ...place, region: null }, facts({ regions: ['CA'] }))).toEqual({ eligible: false, reason: 'region not served' });
  });
});

describe('score', () => {
  it('multiplies fit, response factor and dispute factor', () => {
    const judged = judge(
      place,
      facts({ exactNiche: false, regions: ['CA'], medianResponseSeconds: 5 * 3600, deliveries: 10, upheldDisputes: 2 }),
    );
    // fit 0.8 + 0.1 (region) = 0.9; response 0.8 (≤ 12 h); disputes 1 − 0.2 = 0.8
    expect(judged).toMatchObject({
      eligible: true,
      details: { fit: 0.9, responseFactor: 0.8, disputeRate: 0.2, disputeFactor: 0.8, score: 0.576 },
    });
  });

  it('rewards fast first responses and assumes 0.9 without history', () => {
    expect([null, 1800, 3600, 3 * 3600, 10 * 3600, 20 * 3600, 30 * 3600].map(responseFactor)).toEqual([0.9, 1, 1, 0.9, 0.8, 0.7, 0.6]);
  });

  it('floors the dispute factor at 0.5', () => {
    expect(disputeFactor(0, 0)).toEqual({ rate: 0, factor: 1 });
    expect(disputeFactor(4, 1)).toEqual({ rate: 0.25, factor: 0.75 });
    expect(disputeFactor(2, 2)).toEqual({ rate: 1, factor: 0.5 });
  });

  it('breaks ties by fewest deliveries today, then by workspace id', () => {
    const a = facts({ workspaceId: 'b0000000-0000-4000-8000-000000000000', deliveredToday: 1 });
    const b = facts({ workspaceId: 'c0000000-0000-4000-8000-000000000000', deliveredToday: 0 });
    const c = facts({ workspaceId: 'a0000000-0000-4000-8000-000000000000', deliveredToday: 1 });
    const d = facts({ workspaceId: 'd0000000-0000-4000-8000-000000000000', exactNiche: true, regions: ['CA'] });
    const scored = [a, b, c, d].map((f) => {
      const judged = judge(place, f);
      if (!judged.eligible) throw new Error('expected eligible');
      return { facts: f, details: judged.details };
    });
    expect(rank(scored).map((s) => s.facts.workspaceId)).toEqual([d.workspaceId, b.workspaceId, c.workspaceId, a.workspaceId]);
  });
});

describe('cap windows', () => {
  it('are the UTC day, the ISO week from Monday and the month', () => {
    const w = capWindows(new Date('2026-11-22T03:30:00Z')); // a Sunday
    expect(w.day.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(w.week.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(w.month.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(capWindows(new Date('2026-11-16T00:00:00Z')).week.toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});

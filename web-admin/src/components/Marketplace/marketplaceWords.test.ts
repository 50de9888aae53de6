import { describe, expect, it } from 'vitest';
import { formatAge, verdictLook } from './marketplaceWords';

describe('marketplace words', () => {
  const now = new Date('2026-01-12T12:00:00.000Z');

  it('says how old a report is, coarsely', () => {
    expect(formatAge('2026-01-12T11:59:30.000Z', now)).toBe('just now');
    expect(formatAge('2026-01-12T11:59:00.000Z', now)).toBe('1 minute');
    expect(formatAge('2026-01-12T11:15:00.000Z', now)).toBe('45 minutes');
    expect(formatAge('2026-01-12T07:00:00.000Z', now)).toBe('5 hours');
    expect(formatAge('2026-01-11T11:00:00.000Z', now)).toBe('1 day');
    expect(formatAge('2025-12-13T12:00:00.000Z', now)).toBe('30 days');
    expect(formatAge('not a date', now)).toBe('—');
  });

  it("shows the verifier's verdict as a verification badge when it is one", () => {
    expect(verdictLook(null)).toBeNull();
    expect(verdictLook('INVALID')).toEqual({ label: 'Invalid', color: 'red' });
    expect(verdictLook('catch_all')).toEqual({ label: 'Catch-all', color: 'lime' });
    expect(verdictLook('mailbox full')).toEqual({ label: 'mailbox full', color: 'gray' });
  });
});

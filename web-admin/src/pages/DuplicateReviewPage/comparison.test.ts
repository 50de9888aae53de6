import { describe, expect, it } from 'vitest';
import { leadFixture } from '../../test/supplyFixtures';
import { compareLeads, similarityPercent } from './comparison';

describe('compareLeads', () => {
  it('marks the fields whose values differ, ignoring case and the creation date', () => {
    const older = leadFixture('l1', { createdAt: '2025-01-01T00:00:00.000Z' });
    const newer = leadFixture('l2', { email: 'GRACE@navy.example', phone: null, companyEmployeeCount: 4800 });
    const rows = Object.fromEntries(compareLeads(newer, older).map((r) => [r.label, r]));
    expect(rows['Email']).toMatchObject({ differs: false });
    expect(rows['Phone']).toEqual({ label: 'Phone', flagged: '—', matched: '+15550100', differs: true });
    expect(rows['Employees']).toEqual({ label: 'Employees', flagged: '4,800', matched: '5,000', differs: true });
    expect(rows['Created']).toMatchObject({ differs: false });
    expect(Object.keys(rows)).toEqual([
      'Name',
      'Email',
      'Phone',
      'Job title',
      'Company',
      'Domain',
      'Employees',
      'Country / city',
      'Verification',
      'Intent',
      'List price',
      'Created',
    ]);
  });

  it('shows the similarity as a percent', () => {
    expect(similarityPercent(0.918)).toBe('92 %');
    expect(similarityPercent(1)).toBe('100 %');
  });
});

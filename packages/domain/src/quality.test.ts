import { describe, expect, it } from 'vitest';
import {
  QUALITY_GATES,
  REVIEW_REASON_LABELS,
  partnerQuality,
  uploadRejectionRate,
  type PartnerQuality,
  type PartnerQualityInput,
  type ReviewReason,
} from './quality.js';

/** A partner past the first review, with perfect numbers unless overridden. */
const GOOD: PartnerQualityInput = {
  acceptedLeads: 1000,
  verifiedLeads: 1000,
  passedLeads: 1000,
  rowsRead: 1000,
  rejectedRows: 0,
  duplicateRows: 0,
  firstReviewDone: true,
};

describe('partnerQuality: review reasons', () => {
  const cases: { name: string; input: Partial<PartnerQualityInput>; reasons: ReviewReason[] }[] = [
    { name: 'a good partner', input: {}, reasons: [] },
    // First 100 leads.
    { name: '99 accepted leads, not reviewed', input: { acceptedLeads: 99, firstReviewDone: false }, reasons: [] },
    { name: '100 accepted leads, not reviewed', input: { acceptedLeads: 100, firstReviewDone: false }, reasons: ['FIRST_100_LEADS'] },
    { name: '100 accepted leads, reviewed', input: { acceptedLeads: 100, firstReviewDone: true }, reasons: [] },
    { name: '5,000 accepted leads, never reviewed', input: { acceptedLeads: 5000, firstReviewDone: false }, reasons: ['FIRST_100_LEADS'] },
    // Pass rate.
    { name: 'pass rate exactly 80 %', input: { verifiedLeads: 1000, passedLeads: 800 }, reasons: [] },
    { name: 'pass rate 79.9 %', input: { verifiedLeads: 1000, passedLeads: 799 }, reasons: ['LOW_PASS_RATE'] },
    { name: 'pass rate 79.96 % shows as 80.0 % and passes', input: { verifiedLeads: 10000, passedLeads: 7996 }, reasons: [] },
    { name: 'pass rate 79.94 % shows as 79.9 % and fails', input: { verifiedLeads: 10000, passedLeads: 7994 }, reasons: ['LOW_PASS_RATE'] },
    { name: 'pass rate 4 of 5', input: { verifiedLeads: 5, passedLeads: 4 }, reasons: [] },
    { name: 'pass rate 0 %', input: { verifiedLeads: 10, passedLeads: 0 }, reasons: ['LOW_PASS_RATE'] },
    { name: 'nothing verified yet', input: { verifiedLeads: 0, passedLeads: 0 }, reasons: [] },
    // Duplicate rate: duplicates / (rows read − rejected).
    { name: 'duplicates exactly 20 %', input: { rowsRead: 1100, rejectedRows: 100, duplicateRows: 200 }, reasons: [] },
    { name: 'duplicates 20.1 %', input: { rowsRead: 1100, rejectedRows: 100, duplicateRows: 201 }, reasons: ['HIGH_DUPLICATE_RATE'] },
    { name: 'duplicates 20.04 % shows as 20.0 % and passes', input: { rowsRead: 10000, duplicateRows: 2004 }, reasons: [] },
    { name: 'every row rejected', input: { rowsRead: 100, rejectedRows: 100, duplicateRows: 0 }, reasons: [] },
    // Several.
    {
      name: 'all three',
      input: { acceptedLeads: 150, firstReviewDone: false, verifiedLeads: 100, passedLeads: 50, rowsRead: 200, duplicateRows: 50 },
      reasons: ['FIRST_100_LEADS', 'LOW_PASS_RATE', 'HIGH_DUPLICATE_RATE'],
    },
  ];
  it.each(cases)('$name → $reasons', ({ input, reasons }) => {
    expect(partnerQuality({ ...GOOD, ...input }).reviewReasons).toEqual(reasons);
  });
});

describe('partnerQuality: rates and score', () => {
  const cases: { name: string; input: Partial<PartnerQualityInput>; expected: Omit<PartnerQuality, 'reviewReasons'> }[] = [
    {
      name: 'perfect',
      input: {},
      expected: { passRatePercent: 100, duplicateRatePercent: 0, acceptanceRatePercent: 100, score: 100 },
    },
    {
      name: 'a new partner with no data',
      input: { acceptedLeads: 0, verifiedLeads: 0, passedLeads: 0, rowsRead: 0 },
      expected: { passRatePercent: null, duplicateRatePercent: null, acceptanceRatePercent: null, score: null },
    },
    {
      // pass 90, dup 10 / 900 = 1.111…, acceptance 890 / 1000 = 89
      name: 'typical',
      input: { verifiedLeads: 800, passedLeads: 720, rowsRead: 1000, rejectedRows: 100, duplicateRows: 10 },
      expected: { passRatePercent: 90, duplicateRatePercent: 1.1, acceptanceRatePercent: 89, score: 92 },
    },
    {
      // pass 2 / 3 = 66.7, dup 1 / 3 = 33.3, acceptance 2 / 3 = 66.7 → (66.67×50 + 66.67×30 + 66.67×20) / 100
      name: 'thirds, one decimal',
      input: { verifiedLeads: 3, passedLeads: 2, rowsRead: 3, rejectedRows: 0, duplicateRows: 1 },
      expected: { passRatePercent: 66.7, duplicateRatePercent: 33.3, acceptanceRatePercent: 66.7, score: 67 },
    },
    {
      // Rows but nothing verified yet: duplicate (30) and acceptance (20) weights only.
      // dup 100 / 800 = 12.5 → 87.5 × 30; acceptance 700 / 1000 = 70 × 20 → (2625 + 1400) / 50 = 80.5 → 81
      name: 'nothing verified',
      input: { verifiedLeads: 0, passedLeads: 0, rowsRead: 1000, rejectedRows: 200, duplicateRows: 100 },
      expected: { passRatePercent: null, duplicateRatePercent: 12.5, acceptanceRatePercent: 70, score: 81 },
    },
    {
      // Verified leads but no rows (e.g. leads from before uploads were tracked): pass rate only.
      name: 'no rows read',
      input: { verifiedLeads: 10, passedLeads: 7, rowsRead: 0 },
      expected: { passRatePercent: 70, duplicateRatePercent: null, acceptanceRatePercent: null, score: 70 },
    },
    {
      // Every row rejected: no duplicate rate; acceptance 0.
      name: 'every row rejected',
      input: { verifiedLeads: 0, passedLeads: 0, rowsRead: 50, rejectedRows: 50 },
      expected: { passRatePercent: null, duplicateRatePercent: null, acceptanceRatePercent: 0, score: 0 },
    },
    {
      name: 'everything bad',
      input: { verifiedLeads: 10, passedLeads: 0, rowsRead: 10, rejectedRows: 0, duplicateRows: 10 },
      expected: { passRatePercent: 0, duplicateRatePercent: 100, acceptanceRatePercent: 0, score: 0 },
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    const { reviewReasons: _reasons, ...rates } = partnerQuality({ ...GOOD, ...input });
    expect(rates).toEqual(expected);
  });

  it('scores every combination within 0–100 as an integer', () => {
    for (const passed of [0, 1, 7, 10])
      for (const rejected of [0, 3, 10])
        for (const duplicates of [0, 2, 10 - rejected]) {
          const { score } = partnerQuality({
            ...GOOD,
            verifiedLeads: 10,
            passedLeads: passed,
            rowsRead: 10,
            rejectedRows: rejected,
            duplicateRows: duplicates,
          });
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
  });
});

describe('uploadRejectionRate', () => {
  const cases: [number, number, number, boolean][] = [
    [1000, 0, 0, false],
    [1000, 500, 50, false],
    [1000, 501, 50.1, true],
    [10000, 5004, 50, false],
    [10000, 5005, 50.1, true],
    [3, 2, 66.7, true],
    [2, 1, 50, false],
    [100, 100, 100, true],
    [0, 0, 0, false],
  ];
  it.each(cases)('%i rows, %i rejected → %d %%, suspends %s', (rowsRead, rejected, percent, suspends) => {
    expect(uploadRejectionRate(rowsRead, rejected)).toEqual({ percent, suspends });
  });
});

describe('gates and labels', () => {
  it('are the product numbers', () => {
    expect(QUALITY_GATES).toEqual({
      reviewAfterAcceptedLeads: 100,
      minPassRatePercent: 80,
      maxDuplicateRatePercent: 20,
      suspendAboveRejectionRatePercent: 50,
      minRowsPerUpload: 50,
    });
  });

  it('explains every review reason', () => {
    expect(Object.keys(REVIEW_REASON_LABELS).sort()).toEqual(['FIRST_100_LEADS', 'HIGH_DUPLICATE_RATE', 'LOW_PASS_RATE']);
    for (const label of Object.values(REVIEW_REASON_LABELS)) expect(label.length).toBeGreaterThan(20);
  });
});

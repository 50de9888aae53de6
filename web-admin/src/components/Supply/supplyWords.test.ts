import { describe, expect, it } from 'vitest';
import { countText, formatBytes, formatDuration, formatPercent, reviewReasonLabel } from './supplyWords';

describe('supply words', () => {
  it('says how long an import ran', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4 s');
    expect(formatDuration(72_000)).toBe('1 m 12 s');
    expect(formatDuration(60_000)).toBe('1 m 0 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 m');
  });

  it('puts review reasons in words', () => {
    expect(reviewReasonLabel('FIRST_100_LEADS')).toBe('first 100 leads of a new partner');
    expect(reviewReasonLabel('LOW_PASS_RATE')).toBe('pass rate below 80 %');
    expect(reviewReasonLabel('HIGH_DUPLICATE_RATE')).toBe('duplicate rate above 20 %');
    expect(reviewReasonLabel('UPLOAD_REJECTION_RATE')).toBe('over half the rows rejected (uploads suspended)');
  });

  it('formats rates, sizes and estimated counts', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(84.46)).toBe('84.5 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48_128)).toBe('47.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(countText(1, false, 'lead')).toBe('1 lead');
    expect(countText(3, false, 'lead')).toBe('3 leads');
    expect(countText(10_000, true, 'lead')).toBe('about 10,000 leads');
  });
});

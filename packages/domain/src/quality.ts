// Partner data quality: the rates an admin and the partner see, the score, and the gates that send a
// partner's uploads to manual review or suspend an upload. Rates are percentages with one decimal, and
// the gates compare those displayed values, so a partner never sees "80.0 %" flagged as below 80 %.

export const QUALITY_GATES = {
  reviewAfterAcceptedLeads: 100,
  minPassRatePercent: 80,
  maxDuplicateRatePercent: 20,
  suspendAboveRejectionRatePercent: 50,
  minRowsPerUpload: 50,
} as const;

export type ReviewReason = 'FIRST_100_LEADS' | 'LOW_PASS_RATE' | 'HIGH_DUPLICATE_RATE';

export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  FIRST_100_LEADS: 'Your first 100 leads are checked by our team before they go on sale.',
  LOW_PASS_RATE: 'Fewer than 80 % of your leads’ emails pass verification.',
  HIGH_DUPLICATE_RATE: 'More than 20 % of your rows are duplicates, within a file or of leads we already have.',
};

export interface PartnerQualityInput {
  /** Leads created from the partner's uploads, lifetime. */
  acceptedLeads: number;
  /** Of those, with a definitive verification (VALID, CATCH_ALL, INVALID, RISKY); UNKNOWN/PENDING excluded. */
  verifiedLeads: number;
  /** Of those, VALID or CATCH_ALL. */
  passedLeads: number;
  /** Data rows read over all finished uploads. */
  rowsRead: number;
  /** Rows rejected as invalid. */
  rejectedRows: number;
  /** Exact duplicates (in the file or against the inventory). */
  duplicateRows: number;
  /** An admin has approved one of the partner's uploads after the first-100 gate. */
  firstReviewDone: boolean;
}

export interface PartnerQuality {
  /** passed / verified × 100, one decimal; null when nothing is verified. */
  passRatePercent: number | null;
  /** duplicates / (rows read − rejected) × 100, one decimal; null when no valid row was read. */
  duplicateRatePercent: number | null;
  /** (rows read − rejected − duplicates) / rows read × 100, one decimal; null when no row was read. */
  acceptanceRatePercent: number | null;
  /** 0–100: pass rate 50 %, (100 − duplicate rate) 30 %, acceptance rate 20 %, over the available ones; null when none. */
  score: number | null;
  reviewReasons: ReviewReason[];
}

/** part / whole in percent, unrounded and clamped to 0–100; null when whole is not positive. */
function ratio(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.min(100, Math.max(0, (part * 100) / whole));
}

/** One decimal, computed from the integers so 4 / 5 is exactly 80. */
function percent1(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.min(100, Math.max(0, Math.round((part * 1000) / whole) / 10));
}

export function partnerQuality(input: PartnerQualityInput): PartnerQuality {
  const validRows = input.rowsRead - input.rejectedRows;
  const acceptedRows = input.rowsRead - input.rejectedRows - input.duplicateRows;
  const passRatePercent = percent1(input.passedLeads, input.verifiedLeads);
  const duplicateRatePercent = percent1(input.duplicateRows, validRows);
  const acceptanceRatePercent = percent1(acceptedRows, input.rowsRead);

  const components: [number | null, number][] = [
    [ratio(input.passedLeads, input.verifiedLeads), 50],
    [mapNullable(ratio(input.duplicateRows, validRows), (rate) => 100 - rate), 30],
    [ratio(acceptedRows, input.rowsRead), 20],
  ];
  let weighted = 0;
  let weights = 0;
  for (const [value, weight] of components) {
    if (value === null) continue;
    weighted += value * weight;
    weights += weight;
  }
  const score = weights === 0 ? null : Math.round(weighted / weights);

  const reviewReasons: ReviewReason[] = [];
  if (input.acceptedLeads >= QUALITY_GATES.reviewAfterAcceptedLeads && !input.firstReviewDone) reviewReasons.push('FIRST_100_LEADS');
  if (passRatePercent !== null && passRatePercent < QUALITY_GATES.minPassRatePercent) reviewReasons.push('LOW_PASS_RATE');
  if (duplicateRatePercent !== null && duplicateRatePercent > QUALITY_GATES.maxDuplicateRatePercent)
    reviewReasons.push('HIGH_DUPLICATE_RATE');

  return { passRatePercent, duplicateRatePercent, acceptanceRatePercent, score, reviewReasons };
}

function mapNullable<T, U>(value: T | null, map: (value: T) => U): U | null {
  return value === null ? null : map(value);
}

/** An upload's rejection rate in percent (rejected / rowsRead, one decimal), and whether it suspends uploads (> 50 %). */
export function uploadRejectionRate(rowsRead: number, rejectedRows: number): { percent: number; suspends: boolean } {
  const percent = percent1(rejectedRows, rowsRead) ?? 0;
  return { percent, suspends: percent > QUALITY_GATES.suspendAboveRejectionRatePercent };
}

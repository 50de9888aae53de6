import type { LeadExportMode, LeadPurchaseStatus, LeadReportKind, LeadReportStatus } from '../gql/graphql';

export const EXPORT_MODE_LABELS: Record<LeadExportMode, string> = {
  VALID_ONLY: 'Valid emails only',
  VALID_AND_CATCH_ALL: 'Valid + catch-all',
};

export const PURCHASE_STATUS: Record<LeadPurchaseStatus, { label: string; color: string }> = {
  AWAITING_PAYMENT: { label: 'Awaiting payment', color: 'yellow' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

export const REPORT_KIND_LABELS: Record<LeadReportKind, string> = {
  BOUNCED: 'Email bounced',
  WRONG_PERSON: 'Wrong person',
  WRONG_COMPANY: 'Wrong company',
  OTHER: 'Other problem',
};

export const REPORT_STATUS: Record<LeadReportStatus, { label: string; color: string }> = {
  OPEN: { label: 'Under review', color: 'yellow' },
  REFUNDED: { label: 'Refunded', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'gray' },
};

/** Emails verified longer ago than this are re-checked by a fresh export. */
export const FRESH_EXPORT_AFTER_DAYS = 30;

/** Whether a decimal string is above zero ("0.0000" is not). */
export function isPositive(decimal: string | null | undefined): boolean {
  return decimal != null && Number(decimal) > 0;
}

/** Whether the purchase's CSV was made more than 30 days before `now` (a fresh export re-checks its emails). */
export function exportIsStale(exportedAt: string | null | undefined, now: Date = new Date()): boolean {
  if (!exportedAt) return false;
  return now.getTime() - new Date(exportedAt).getTime() > FRESH_EXPORT_AFTER_DAYS * 24 * 60 * 60 * 1000;
}

/** Whether the free re-download window is still open. */
export function isDownloadable(downloadableUntil: string | null | undefined, now: Date = new Date()): boolean {
  return !downloadableUntil || new Date(downloadableUntil) > now;
}

/** "Ada Lovelace" (revealed leads carry the full last name). */
export function fullName(lead: { firstName: string; lastName: string }): string {
  return `${lead.firstName} ${lead.lastName}`.trim();
}

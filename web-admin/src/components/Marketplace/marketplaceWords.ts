import { humanizeEnum } from '@hotlead/ui';
import type { LeadExportStatus, LeadPurchaseStatus, LeadReportKind, LeadReportStatus, VerificationStatus } from '../../gql/graphql';
import { verificationLook, type StatusLook } from '../Supply/supplyWords';

const PURCHASE_STATUSES: Record<LeadPurchaseStatus, StatusLook> = {
  AWAITING_PAYMENT: { label: 'Awaiting payment', color: 'orange' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

export function purchaseStatusLook(status: LeadPurchaseStatus): StatusLook {
  return PURCHASE_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const EXPORT_STATUSES: Record<LeadExportStatus, StatusLook> = {
  PREPARING: { label: 'Preparing', color: 'blue' },
  READY: { label: 'Ready', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

export function exportStatusLook(status: LeadExportStatus): StatusLook {
  return EXPORT_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const REPORT_STATUSES: Record<LeadReportStatus, StatusLook> = {
  OPEN: { label: 'Open', color: 'orange' },
  REFUNDED: { label: 'Refunded', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'gray' },
};

export function reportStatusLook(status: LeadReportStatus): StatusLook {
  return REPORT_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const REPORT_KINDS: Record<LeadReportKind, string> = {
  BOUNCED: 'Email bounced',
  WRONG_PERSON: 'Wrong person',
  WRONG_COMPANY: 'Wrong company',
  OTHER: 'Other problem',
};

export function reportKindLabel(kind: LeadReportKind): string {
  return REPORT_KINDS[kind] ?? humanizeEnum(kind);
}

const VERIFICATION_STATUSES = new Set<string>(['VALID', 'CATCH_ALL', 'RISKY', 'UNKNOWN', 'INVALID', 'PENDING']);

/** The email verifier's verdict on a report (free text from the API), as a badge look; none when unchecked. */
export function verdictLook(verdict: string | null): StatusLook | null {
  if (!verdict) return null;
  const upper = verdict.toUpperCase();
  return VERIFICATION_STATUSES.has(upper) ? verificationLook(upper as VerificationStatus) : { label: verdict, color: 'gray' };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long ago, coarsely: "just now", "5 minutes", "3 hours", "12 days". */
export function formatAge(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '—';
  if (ms < 60_000) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < 60 * 60_000) return plural(Math.floor(ms / 60_000), 'minute');
  if (ms < DAY_MS) return plural(Math.floor(ms / (60 * 60_000)), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

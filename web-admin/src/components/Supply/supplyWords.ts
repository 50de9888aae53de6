import { humanizeEnum } from '@hotlead/ui';
import type {
  LeadDuplicateFlagStatus,
  LeadStatus,
  LeadUploadReviewStatus,
  LeadUploadStatus,
  UploadReviewReason,
  VerificationStatus,
} from '../../gql/graphql';

/** A label and a Mantine color, for a status badge. */
export interface StatusLook {
  label: string;
  color: string;
}

const REVIEW_REASONS: Record<UploadReviewReason, string> = {
  FIRST_100_LEADS: 'first 100 leads of a new partner',
  LOW_PASS_RATE: 'pass rate below 80 %',
  HIGH_DUPLICATE_RATE: 'duplicate rate above 20 %',
  UPLOAD_REJECTION_RATE: 'over half the rows rejected (uploads suspended)',
};

/** Why an upload waits for review, in words. */
export function reviewReasonLabel(reason: UploadReviewReason): string {
  return REVIEW_REASONS[reason] ?? humanizeEnum(reason);
}

const UPLOAD_STATUSES: Record<LeadUploadStatus, StatusLook> = {
  UPLOADED: { label: 'Uploaded', color: 'gray' },
  QUEUED: { label: 'Queued', color: 'blue' },
  PROCESSING: { label: 'Processing', color: 'blue' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
  CANCELED: { label: 'Canceled', color: 'gray' },
};

export function uploadStatusLook(status: LeadUploadStatus): StatusLook {
  return UPLOAD_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const REVIEW_STATUSES: Record<LeadUploadReviewStatus, StatusLook> = {
  PENDING: { label: 'Waiting for review', color: 'orange' },
  APPROVED: { label: 'Approved', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'red' },
  NOT_REQUIRED: { label: 'No review needed', color: 'gray' },
};

export function reviewStatusLook(status: LeadUploadReviewStatus): StatusLook {
  return REVIEW_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const VERIFICATION_STATUSES: Record<VerificationStatus, StatusLook> = {
  VALID: { label: 'Valid', color: 'teal' },
  CATCH_ALL: { label: 'Catch-all', color: 'lime' },
  RISKY: { label: 'Risky', color: 'yellow' },
  UNKNOWN: { label: 'Unknown', color: 'gray' },
  INVALID: { label: 'Invalid', color: 'red' },
  PENDING: { label: 'Not verified yet', color: 'blue' },
};

export function verificationLook(status: VerificationStatus): StatusLook {
  return VERIFICATION_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const LEAD_STATUSES: Record<LeadStatus, StatusLook> = {
  LISTED: { label: 'Listed', color: 'teal' },
  PENDING_REVIEW: { label: 'Waiting for review', color: 'orange' },
  DELISTED: { label: 'Delisted', color: 'gray' },
  SUPPRESSED: { label: 'Suppressed', color: 'red' },
  ARCHIVED: { label: 'Archived', color: 'gray' },
};

export function leadStatusLook(status: LeadStatus): StatusLook {
  return LEAD_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const FLAG_STATUSES: Record<LeadDuplicateFlagStatus, StatusLook> = {
  OPEN: { label: 'Open', color: 'orange' },
  DISMISSED: { label: 'Kept both', color: 'gray' },
  MERGED: { label: 'Merged', color: 'teal' },
};

export function flagStatusLook(status: LeadDuplicateFlagStatus): StatusLook {
  return FLAG_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

const numberFormat = new Intl.NumberFormat('en-US');

/** "12,500"; an em dash for none. */
export function formatCount(value: number | null | undefined): string {
  return value == null ? '—' : numberFormat.format(value);
}

/** "1 m 12 s" for 72 000 ms, "850 ms", "2 h 5 m"; an em dash when it has not finished. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${minutes} m`;
  if (minutes > 0) return `${minutes} m ${seconds} s`;
  return `${seconds} s`;
}

/** "82.5 %" (one decimal at most); an em dash when there is no figure yet. */
export function formatPercent(value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return '—';
  return `${numberFormat.format(Math.round(value * 10) / 10)} %`;
}

/** "1.2 MB" for a file size in bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "3 leads", "about 10,000 leads" when the total is an estimate. */
export function countText(total: number, isEstimate: boolean, singular: string, plural = `${singular}s`): string {
  return `${isEstimate ? 'about ' : ''}${numberFormat.format(total)} ${total === 1 && !isEstimate ? singular : plural}`;
}

import type {
  LeadField,
  LeadStatus,
  LeadUploadReviewStatus,
  LeadUploadStatus,
  UploadReviewReason,
  VerificationStatus,
} from '../gql/graphql';

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  EMAIL: 'Email',
  PHONE: 'Phone',
  FIRST_NAME: 'First name',
  LAST_NAME: 'Last name',
  FULL_NAME: 'Full name',
  JOB_TITLE: 'Job title',
  COMPANY_NAME: 'Company',
  COMPANY_WEBSITE: 'Company website',
  COMPANY_EMPLOYEE_COUNT: 'Employees',
  LINKEDIN_URL: 'LinkedIn URL',
  COUNTRY: 'Country',
  STATE: 'State / region',
  CITY: 'City',
  POSTAL_CODE: 'Postal code',
  COLLECTED_AT: 'Collected on',
};

/** The order the mapping select offers the fields in. */
export const LEAD_FIELDS = Object.keys(LEAD_FIELD_LABELS) as LeadField[];

interface Tone {
  label: string;
  color: string;
}

export const UPLOAD_STATUS: Record<LeadUploadStatus, Tone> = {
  UPLOADED: { label: 'Not started', color: 'gray' },
  QUEUED: { label: 'Queued', color: 'blue' },
  PROCESSING: { label: 'Importing', color: 'blue' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
  CANCELED: { label: 'Canceled', color: 'gray' },
};

export const REVIEW_STATUS: Record<LeadUploadReviewStatus, Tone> = {
  NOT_REQUIRED: { label: 'No review needed', color: 'gray' },
  PENDING: { label: 'Waiting for review', color: 'yellow' },
  APPROVED: { label: 'Approved', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'red' },
};

export const VERIFICATION_STATUS: Record<VerificationStatus, Tone> = {
  PENDING: { label: 'Not verified yet', color: 'gray' },
  VALID: { label: 'Valid', color: 'teal' },
  CATCH_ALL: { label: 'Catch-all', color: 'lime' },
  RISKY: { label: 'Risky', color: 'orange' },
  INVALID: { label: 'Invalid', color: 'red' },
  UNKNOWN: { label: 'Unknown', color: 'gray' },
};

export const LEAD_STATUS: Record<LeadStatus, Tone> = {
  LISTED: { label: 'Listed', color: 'teal' },
  PENDING_REVIEW: { label: 'Waiting for review', color: 'yellow' },
  DELISTED: { label: 'Delisted', color: 'gray' },
  SUPPRESSED: { label: 'Suppressed', color: 'red' },
  ARCHIVED: { label: 'Archived', color: 'gray' },
};

/** Why new uploads wait for an admin, as the end of "… because: <reason>". */
export const REVIEW_REASONS: Record<UploadReviewReason, string> = {
  FIRST_100_LEADS: 'Hotlead reviews every partner after its first 100 leads',
  LOW_PASS_RATE: 'fewer than 80 % of your verified emails passed',
  HIGH_DUPLICATE_RATE: 'more than 20 % of your rows were duplicates',
  UPLOAD_REJECTION_RATE: 'more than half of an upload’s rows were rejected',
};

/** A review reason as a sentence of its own ("Fewer than 80 % … passed."). */
export function reviewReasonSentence(reason: UploadReviewReason): string {
  const text = REVIEW_REASONS[reason];
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** An import still running (or waiting for a worker): its counts move. */
export function isImportActive(status: LeadUploadStatus): boolean {
  return status === 'QUEUED' || status === 'PROCESSING';
}

const integer = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "12,345". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** "92.5%" for 92.5; an em dash when not measured. */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : `${oneDecimal.format(value)}%`;
}

/** "12.3 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${integer.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
  return `${oneDecimal.format(bytes / 1024 / 1024 / 1024)} GB`;
}

/** "850 ms", "42 s", "3 min 5 s", "1 h 12 min"; an em dash for none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const DELIMITERS: Record<string, string> = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' };

/** "Comma (,)" for ","; other delimiters as they are. */
export function delimiterLabel(delimiter: string): string {
  return DELIMITERS[delimiter] ?? delimiter;
}

/** "UTF-8" for "utf-8", "UTF-16 LE" for "utf-16le"; "windows-1252" stays. */
export function encodingLabel(encoding: string): string {
  const utf = /^utf-(8|16)(le|be)?$/i.exec(encoding);
  if (!utf) return encoding;
  return `UTF-${utf[1]}${utf[2] ? ` ${utf[2].toUpperCase()}` : ''}`;
}

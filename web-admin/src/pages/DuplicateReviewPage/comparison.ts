import { formatDate, formatUsd } from '@hotlead/ui';
import { formatCount, verificationLook } from '../../components/Supply/supplyWords';
import type { DuplicateLeadFieldsFragment } from '../../gql/graphql';

export interface ComparedField {
  label: string;
  flagged: string;
  matched: string;
  /** The two values differ (dates of creation always do, so they are not compared). */
  differs: boolean;
}

type Lead = DuplicateLeadFieldsFragment;

const FIELDS: readonly { label: string; value: (lead: Lead) => string; compare?: boolean }[] = [
  { label: 'Name', value: (l) => `${l.firstName} ${l.lastName}`.trim() },
  { label: 'Email', value: (l) => l.email ?? '' },
  { label: 'Phone', value: (l) => l.phone ?? '' },
  { label: 'Job title', value: (l) => l.jobTitle ?? '' },
  { label: 'Company', value: (l) => l.companyName },
  { label: 'Domain', value: (l) => l.companyDomain ?? '' },
  { label: 'Employees', value: (l) => (l.companyEmployeeCount == null ? '' : formatCount(l.companyEmployeeCount)) },
  { label: 'Country / city', value: (l) => [l.country, l.city].filter(Boolean).join(' / ') },
  { label: 'Verification', value: (l) => verificationLook(l.verificationStatus).label },
  { label: 'Intent', value: (l) => String(l.intentScore) },
  { label: 'List price', value: (l) => formatUsd(l.listPrice) },
  { label: 'Created', value: (l) => formatDate(l.createdAt), compare: false },
];

const normalized = (value: string) => value.trim().toLowerCase();

/** The flagged (newer) and matched (older) lead field by field, each row saying whether they differ. */
export function compareLeads(flagged: Lead, matched: Lead): ComparedField[] {
  return FIELDS.map(({ label, value, compare = true }) => {
    const a = value(flagged);
    const b = value(matched);
    return { label, flagged: a || '—', matched: b || '—', differs: compare && normalized(a) !== normalized(b) };
  });
}

/** "92 %" for a similarity of 0.918. */
export function similarityPercent(similarity: number): string {
  return `${Math.round(similarity * 100)} %`;
}

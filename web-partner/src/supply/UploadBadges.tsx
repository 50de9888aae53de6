import { Badge } from '@mantine/core';
import type { LeadStatus, LeadUploadReviewStatus, LeadUploadStatus, VerificationStatus } from '../gql/graphql';
import { LEAD_STATUS, REVIEW_STATUS, UPLOAD_STATUS, VERIFICATION_STATUS } from './labels';

export function UploadStatusBadge({ status, stopping = false }: { status: LeadUploadStatus; stopping?: boolean }) {
  const { label, color } = UPLOAD_STATUS[status];
  return (
    <Badge color={stopping ? 'orange' : color} variant="light">
      {stopping ? 'Stopping' : label}
    </Badge>
  );
}

export function ReviewStatusBadge({ reviewStatus }: { reviewStatus: LeadUploadReviewStatus }) {
  const { label, color } = REVIEW_STATUS[reviewStatus];
  return (
    <Badge color={color} variant="dot" tt="none">
      {label}
    </Badge>
  );
}

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  const { label, color } = VERIFICATION_STATUS[status];
  return (
    <Badge color={color} variant="light" tt="none">
      {label}
    </Badge>
  );
}

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const { label, color } = LEAD_STATUS[status];
  return (
    <Badge color={color} variant="outline" tt="none">
      {label}
    </Badge>
  );
}

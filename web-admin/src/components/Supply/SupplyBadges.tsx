import { Badge } from '@mantine/core';
import type { LeadDuplicateFlagStatus, LeadStatus, LeadUploadReviewStatus, LeadUploadStatus, VerificationStatus } from '../../gql/graphql';
import { flagStatusLook, leadStatusLook, reviewStatusLook, uploadStatusLook, verificationLook, type StatusLook } from './supplyWords';

function StatusBadge({ look }: { look: StatusLook }) {
  return (
    <Badge variant="light" color={look.color}>
      {look.label}
    </Badge>
  );
}

export function UploadStatusBadge({ status }: { status: LeadUploadStatus }) {
  return <StatusBadge look={uploadStatusLook(status)} />;
}

export function ReviewStatusBadge({ status }: { status: LeadUploadReviewStatus }) {
  return <StatusBadge look={reviewStatusLook(status)} />;
}

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  return <StatusBadge look={verificationLook(status)} />;
}

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  return <StatusBadge look={leadStatusLook(status)} />;
}

export function FlagStatusBadge({ status }: { status: LeadDuplicateFlagStatus }) {
  return <StatusBadge look={flagStatusLook(status)} />;
}

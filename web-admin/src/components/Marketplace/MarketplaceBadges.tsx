import { Badge } from '@mantine/core';
import type { LeadExportStatus, LeadPurchaseStatus, LeadReportStatus } from '../../gql/graphql';
import { exportStatusLook, purchaseStatusLook, reportStatusLook } from './marketplaceWords';
import type { StatusLook } from '../Supply/supplyWords';

export function LookBadge({ look }: { look: StatusLook }) {
  return (
    <Badge variant="light" color={look.color}>
      {look.label}
    </Badge>
  );
}

export function PurchaseStatusBadge({ status }: { status: LeadPurchaseStatus }) {
  return <LookBadge look={purchaseStatusLook(status)} />;
}

export function ExportStatusBadge({ status }: { status: LeadExportStatus }) {
  return <LookBadge look={exportStatusLook(status)} />;
}

export function ReportStatusBadge({ status }: { status: LeadReportStatus }) {
  return <LookBadge look={reportStatusLook(status)} />;
}

import type { AdminLeadReportFieldsFragment } from '../../gql/graphql';

/** "Grace Hopper"; "Unknown lead" when the lead is gone. */
export function leadName(lead: AdminLeadReportFieldsFragment['lead']): string {
  return lead ? `${lead.firstName} ${lead.lastName}`.trim() : 'Unknown lead';
}

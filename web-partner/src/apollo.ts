import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/** "Load more" appends pages of the earnings breakdown, the upload history and an upload's leads (one list per filter). */
export const partnerTypePolicies: TypePolicies = {
  Query: {
    fields: {
      partnerEarnings: relayStylePagination(['partnerOrgId', 'type', 'status']),
      leadUploads: relayStylePagination(['partnerOrgId', 'status', 'reviewStatus']),
      inventoryLeads: relayStylePagination(['partnerOrgId', 'uploadId', 'status', 'verificationStatus', 'sold']),
    },
  },
  // No ids: each lives inside its PartnerOrg and is replaced whole by a fresher read.
  PayoutAccount: { merge: true },
  PartnerEarningsSummary: { merge: true },
  PartnerSupply: { merge: true },
};

import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/** "Load more" appends pages of the earnings breakdown (one list per org and type filter). */
export const partnerTypePolicies: TypePolicies = {
  Query: {
    fields: {
      partnerEarnings: relayStylePagination(['partnerOrgId', 'type', 'status']),
    },
  },
  // No ids: each lives inside its PartnerOrg and is replaced whole by a fresher read.
  PayoutAccount: { merge: true },
  PartnerEarningsSummary: { merge: true },
};

import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/** "Load more" appends pages of the admin connections; each search / filter is its own list. */
export const adminTypePolicies: TypePolicies = {
  Query: {
    fields: {
      adminUsers: relayStylePagination(['search']),
      adminWorkspaces: relayStylePagination(['search', 'kind']),
      adminPartnerOrgs: relayStylePagination(['search']),
      devMailbox: relayStylePagination(['search']),
      ledgerEntries: relayStylePagination(['kind', 'accountCode']),
    },
  },
};

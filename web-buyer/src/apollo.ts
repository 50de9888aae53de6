import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * One cached wallet per workspace (the header, the credits page and the live balance all write to
 * it), and "Load more" appends pages of a workspace's credit history.
 */
export const buyerTypePolicies: TypePolicies = {
  CreditWallet: { keyFields: ['workspaceId'] },
  Query: {
    fields: {
      creditTransactions: relayStylePagination(['workspaceId']),
    },
  },
};

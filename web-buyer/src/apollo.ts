import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * One cached wallet per workspace (the header, the credits page and the live balance all write to
 * it), and "Load more" appends pages of a workspace's credit history and lead purchases. (The
 * marketplace's `leadSearch` is not a connection: its page merges its own pages with fetchMore.)
 */
export const buyerTypePolicies: TypePolicies = {
  CreditWallet: { keyFields: ['workspaceId'] },
  Query: {
    fields: {
      creditTransactions: relayStylePagination(['workspaceId']),
      leadPurchases: relayStylePagination(['workspaceId']),
    },
  },
};

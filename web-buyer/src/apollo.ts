import type { TypePolicies } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * One cached wallet per workspace (the header, the credits page and the live balance all write to
 * it), and "Load more" appends pages of a workspace's credit history, lead purchases and a
 * purchase's leads. (The marketplace's `leadSearch` is not a connection: its page merges its own
 * pages with fetchMore.) `leadPurchase(id)` reads the purchase a list already cached.
 */
export const buyerTypePolicies: TypePolicies = {
  CreditWallet: { keyFields: ['workspaceId'] },
  // An end user's match has no `id`: its assignment identifies it, so refetched lists merge in place.
  MatchedProvider: { keyFields: ['assignmentId'] },
  LeadPurchase: { fields: { items: relayStylePagination() } },
  Query: {
    fields: {
      creditTransactions: relayStylePagination(['workspaceId']),
      leadPurchases: relayStylePagination(['workspaceId']),
      leadPurchase: {
        read: (existing: unknown, { args, toReference }) =>
          existing ?? (typeof args?.['id'] === 'string' ? toReference({ __typename: 'LeadPurchase', id: args['id'] }) : undefined),
      },
    },
  },
};

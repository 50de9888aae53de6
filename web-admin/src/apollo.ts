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
      leadUploads: relayStylePagination(['partnerOrgId', 'status', 'reviewStatus']),
      inventoryLeads: relayStylePagination(['partnerOrgId', 'uploadId', 'status', 'verificationStatus', 'sold']),
      leadDuplicateFlags: relayStylePagination(['status', 'uploadId']),
      adminLeadPurchases: relayStylePagination(['status']),
      providerInbox: relayStylePagination(['workspaceId', 'filter']),
      adminThreads: relayStylePagination(['filter']),
      adminServiceRequests: relayStylePagination(['status']),
      adminDisputes: relayStylePagination(['status']),
      relayEvents: relayStylePagination(['kind']),
    },
  },
  // A routed lead's data has no id of its own: the inbox and the thread view read different parts of it.
  ProviderLead: { merge: true },
  // One targeting profile per provider workspace; an update replaces the cached one.
  ProviderProfile: { keyFields: ['workspaceId'] },
  // The relay's settings are a singleton.
  RelaySettings: { keyFields: [] },
  // A purchase's leads: "Load more" appends the next page of items.
  AdminLeadPurchase: { fields: { items: relayStylePagination() } },
  // A partner org's supply has no id of its own: a newer copy (e.g. from partnerUploadsSuspend) updates it in place.
  PartnerSupply: { merge: true },
};

import type {
  DisputeStatus,
  InboxFilterStatus,
  LeadDuplicateFlagStatus,
  LeadPurchaseStatus,
  LeadReportStatus,
  LeadStatus,
  LeadUploadStatus,
  RelayThreadStatus,
  ServiceRequestStatus,
  VerificationStatus,
  WorkspaceKind,
} from './gql/graphql';

/** Typed in-app URLs (relative to the `/admin/` base path), with list filters kept in the query string. */
export const routePaths = {
  login: '/login',
  signup: '/signup',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  home: '/',
  account: '/account',
  users: '/users',
  workspaces: '/workspaces',
  partnerOrgs: '/partner-orgs',
  devMailbox: '/dev-mailbox',
  finance: '/finance',
  financePackages: '/finance/packages',
  financeAdjust: '/finance/adjust',
  financePayouts: '/finance/payouts',
  financeLedger: '/finance/ledger',
  devMailboxMessage: '/dev-mailbox/:messageId',
  providerInbox: '/provider/:workspaceId/inbox',
  providerMembers: '/provider/:workspaceId/members',
  providerLead: '/provider/:workspaceId/leads/:assignmentId',
  providerTeam: '/provider/:workspaceId/team',
  providerSettings: '/provider/:workspaceId/settings',
  conversations: '/conversations',
  conversation: '/conversations/:threadId',
  conversationRequests: '/conversations/requests',
  conversationDisputes: '/conversations/disputes',
  conversationSettings: '/conversations/settings',
  supplyReview: '/supply/review',
  supplyUploads: '/supply/uploads',
  supplyUpload: '/supply/uploads/:uploadId',
  supplyDuplicates: '/supply/duplicates',
  supplyInventory: '/supply/inventory',
  marketplacePurchases: '/marketplace/purchases',
  marketplacePurchase: '/marketplace/purchases/:purchaseId',
  marketplaceReports: '/marketplace/reports',
  marketplaceSuppression: '/marketplace/suppression',
} as const;

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const urls = {
  home: () => '/',
  account: () => routePaths.account,
  users: (filters: { q?: string } = {}) => withQuery(routePaths.users, { q: filters.q }),
  workspaces: (filters: { q?: string; kind?: WorkspaceKind } = {}) =>
    withQuery(routePaths.workspaces, { q: filters.q, kind: filters.kind }),
  partnerOrgs: (filters: { q?: string } = {}) => withQuery(routePaths.partnerOrgs, { q: filters.q }),
  devMailbox: (filters: { q?: string } = {}) => withQuery(routePaths.devMailbox, { q: filters.q }),
  finance: () => routePaths.finance,
  financePackages: () => routePaths.financePackages,
  /** Credit adjustments, for the given workspace when there is one. */
  financeAdjust: (filters: { workspace?: string } = {}) => withQuery(routePaths.financeAdjust, { workspace: filters.workspace }),
  /** Payout runs, with the detail of `run` open. */
  financePayouts: (filters: { run?: string } = {}) => withQuery(routePaths.financePayouts, { run: filters.run }),
  financeLedger: (filters: { kind?: string; account?: string } = {}) =>
    withQuery(routePaths.financeLedger, { kind: filters.kind, account: filters.account }),
  devMailboxMessage: (messageId: string) => `/dev-mailbox/${encodeURIComponent(messageId)}`,
  /** The provider's lead inbox; open leads unless another status is asked for. */
  providerInbox: (workspaceId: string, filters: InboxFilters = {}) =>
    withQuery(`/provider/${encodeURIComponent(workspaceId)}/inbox`, {
      status: filters.status && filters.status !== 'OPEN' ? filters.status : null,
      breached: filters.slaBreached ? '1' : null,
      unread: filters.unread ? '1' : null,
    }),
  providerMembers: (workspaceId: string) => `/provider/${encodeURIComponent(workspaceId)}/members`,
  /** One routed lead: its data, the masked thread and the provider's actions. */
  providerLead: (workspaceId: string, assignmentId: string) =>
    `/provider/${encodeURIComponent(workspaceId)}/leads/${encodeURIComponent(assignmentId)}`,
  /** The manager's team view, over the last `days` days. */
  providerTeam: (workspaceId: string, filters: { days?: TeamPeriod | null } = {}) =>
    withQuery(`/provider/${encodeURIComponent(workspaceId)}/team`, {
      days: filters.days && filters.days !== DEFAULT_TEAM_PERIOD ? String(filters.days) : null,
    }),
  providerSettings: (workspaceId: string) => `/provider/${encodeURIComponent(workspaceId)}/settings`,
  /** Every relay thread, by status, bounced or not, and provider workspace. */
  conversations: (filters: { status?: RelayThreadStatus | null; bounced?: boolean; provider?: string | null } = {}) =>
    withQuery(routePaths.conversations, {
      status: filters.status,
      bounced: filters.bounced ? '1' : null,
      provider: filters.provider,
    }),
  conversation: (threadId: string) => `/conversations/${encodeURIComponent(threadId)}`,
  /** Consumer requests; the unroutable ones unless another status is asked for. */
  conversationRequests: (filters: { status?: ServiceRequestStatus | null } = {}) =>
    withQuery(routePaths.conversationRequests, { status: filters.status && filters.status !== 'UNROUTABLE' ? filters.status : null }),
  /** Providers' disputes; the open ones unless another status is asked for. */
  conversationDisputes: (filters: { status?: DisputeStatus | null } = {}) =>
    withQuery(routePaths.conversationDisputes, { status: filters.status && filters.status !== 'OPEN' ? filters.status : null }),
  /** Relay limits and retention, with the relay's event log by kind. */
  conversationSettings: (filters: { kind?: string | null } = {}) => withQuery(routePaths.conversationSettings, { kind: filters.kind }),
  /** Completed uploads waiting for an admin's approval. */
  supplyReview: () => routePaths.supplyReview,
  /** Every partner's uploads (import jobs), by status and partner. */
  supplyUploads: (filters: { status?: LeadUploadStatus | null; partner?: string | null } = {}) =>
    withQuery(routePaths.supplyUploads, { status: filters.status, partner: filters.partner }),
  supplyUpload: (uploadId: string) => `/supply/uploads/${encodeURIComponent(uploadId)}`,
  /** Probable duplicates, of one upload when `upload` is given. */
  supplyDuplicates: (filters: { upload?: string | null; status?: LeadDuplicateFlagStatus | null } = {}) =>
    withQuery(routePaths.supplyDuplicates, { upload: filters.upload, status: filters.status }),
  supplyInventory: (
    filters: {
      partner?: string | null;
      status?: LeadStatus | null;
      verification?: VerificationStatus | null;
      sold?: SoldFilter | null;
    } = {},
  ) =>
    withQuery(routePaths.supplyInventory, {
      partner: filters.partner,
      status: filters.status,
      verification: filters.verification,
      sold: filters.sold,
    }),
  /** Every workspace's lead purchases, newest first, by status. */
  marketplacePurchases: (filters: { status?: LeadPurchaseStatus | null } = {}) =>
    withQuery(routePaths.marketplacePurchases, { status: filters.status }),
  /** One purchase: its payment, export, filters and leads. */
  marketplacePurchase: (purchaseId: string) => `/marketplace/purchases/${encodeURIComponent(purchaseId)}`,
  /** Bad-lead reports; the open ones unless another status is asked for. */
  marketplaceReports: (filters: { status?: LeadReportStatus | null } = {}) =>
    withQuery(routePaths.marketplaceReports, { status: filters.status }),
  marketplaceSuppression: () => routePaths.marketplaceSuppression,
};

/** The `kind` filter of the workspaces list, if it is a valid kind. */
export function parseWorkspaceKind(value: string | null): WorkspaceKind | null {
  return value === 'BUYER' || value === 'PROVIDER' ? value : null;
}

function oneOf<T extends string>(values: readonly T[]) {
  return (value: string | null): T | null => ((values as readonly string[]).includes(value ?? '') ? (value as T) : null);
}

export const LEAD_UPLOAD_STATUSES: readonly LeadUploadStatus[] = ['UPLOADED', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELED'];
export const LEAD_STATUSES: readonly LeadStatus[] = ['LISTED', 'PENDING_REVIEW', 'DELISTED', 'SUPPRESSED', 'ARCHIVED'];
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = ['VALID', 'CATCH_ALL', 'RISKY', 'UNKNOWN', 'INVALID', 'PENDING'];
export const DUPLICATE_FLAG_STATUSES: readonly LeadDuplicateFlagStatus[] = ['OPEN', 'DISMISSED', 'MERGED'];
export const LEAD_PURCHASE_STATUSES: readonly LeadPurchaseStatus[] = ['AWAITING_PAYMENT', 'COMPLETED', 'FAILED'];
export const LEAD_REPORT_STATUSES: readonly LeadReportStatus[] = ['OPEN', 'REFUNDED', 'REJECTED'];

export const INBOX_STATUSES: readonly InboxFilterStatus[] = ['OPEN', 'CLOSED', 'DECLINED', 'REFUNDED', 'ALL'];
export const RELAY_THREAD_STATUSES: readonly RelayThreadStatus[] = ['OPEN', 'CLOSED', 'SUSPENDED'];
export const SERVICE_REQUEST_STATUSES: readonly ServiceRequestStatus[] = [
  'UNROUTABLE',
  'ROUTING',
  'ROUTED',
  'PENDING_CONFIRMATION',
  'CLOSED',
];
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['OPEN', 'UPHELD', 'REJECTED'];

/** The inbox filters kept in the URL: `status` (open by default), `breached=1`, `unread=1`. */
export interface InboxFilters {
  status?: InboxFilterStatus | null;
  slaBreached?: boolean;
  unread?: boolean;
}

/** The team view's periods, in days. */
export const TEAM_PERIODS = [7, 30, 90] as const;
export type TeamPeriod = (typeof TEAM_PERIODS)[number];
export const DEFAULT_TEAM_PERIOD: TeamPeriod = 30;

/** The inventory's sold filter in the URL: `sold`, `unsold`, or none (all). */
export type SoldFilter = 'sold' | 'unsold';

/** The `status` filter of the uploads list, if it is a valid upload status. */
export const parseLeadUploadStatus = oneOf(LEAD_UPLOAD_STATUSES);
/** The `status` filter of the inventory, if it is a valid lead status. */
export const parseLeadStatus = oneOf(LEAD_STATUSES);
/** The `verification` filter of the inventory, if it is a valid verification status. */
export const parseVerificationStatus = oneOf(VERIFICATION_STATUSES);
/** The `status` filter of the duplicates review, if it is a valid flag status. */
export const parseDuplicateFlagStatus = oneOf(DUPLICATE_FLAG_STATUSES);
/** The `sold` filter of the inventory, if it is `sold` or `unsold`. */
export const parseSoldFilter = oneOf<SoldFilter>(['sold', 'unsold']);
/** The `status` filter of the purchases list, if it is a valid purchase status. */
export const parseLeadPurchaseStatus = oneOf(LEAD_PURCHASE_STATUSES);
/** The `status` filter of the bad-lead reports, if it is a valid report status. */
export const parseLeadReportStatus = oneOf(LEAD_REPORT_STATUSES);
/** The `status` filter of the lead inbox, if it is a valid inbox status. */
export const parseInboxStatus = oneOf(INBOX_STATUSES);
/** The `status` filter of the conversations list, if it is a valid thread status. */
export const parseRelayThreadStatus = oneOf(RELAY_THREAD_STATUSES);
/** The `status` filter of the requests list, if it is a valid request status. */
export const parseServiceRequestStatus = oneOf(SERVICE_REQUEST_STATUSES);
/** The `status` filter of the disputes list, if it is a valid dispute status. */
export const parseDisputeStatus = oneOf(DISPUTE_STATUSES);

/** The `days` of the team view, if it is one of its periods. */
export function parseTeamPeriod(value: string | null): TeamPeriod | null {
  const days = Number(value);
  return (TEAM_PERIODS as readonly number[]).includes(days) ? (days as TeamPeriod) : null;
}

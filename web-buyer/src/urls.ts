import { marketplaceSearchString, type MarketplaceSearch } from './marketplace/search';

/** Typed in-app URLs (relative to the `/buyer/` base path); the marketplace keeps its filters in the query string. */
export const routePaths = {
  login: '/login',
  signup: '/signup',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  invite: '/invite/:token',
  home: '/',
  account: '/account',
  workspaceNew: '/workspaces/new',
  workspace: '/workspaces/:workspaceId',
  workspaceCredits: '/workspaces/:workspaceId/credits',
  marketplace: '/workspaces/:workspaceId/marketplace',
  segments: '/workspaces/:workspaceId/segments',
  cart: '/workspaces/:workspaceId/cart',
  purchases: '/workspaces/:workspaceId/purchases',
  purchase: '/workspaces/:workspaceId/purchases/:purchaseId',
  /** Where the payment provider sends the buyer back (`?purchase=<id>&result=success|cancelled`). */
  creditsReturn: '/credits',
  /** Where the card payment of a lead purchase returns (`?purchase=<id>&workspace=<id>&result=success|cancelled`). */
  checkoutResult: '/checkout/result',
  /** The public opt-out page (no sign-in). */
  optOut: '/opt-out',
  sandboxCheckout: '/sandbox/checkout/:sessionId',
  /** The public request form: the niches, then one niche's form (no sign-in). */
  requestNiches: '/request',
  requestForm: '/request/:nicheSlug',
  /** The confirmation email's link (`?token=`): exactly this path under the `/buyer/` base. */
  requestConfirm: '/requests/confirm',
  /** Where a deleted end-user account lands (public). */
  goodbye: '/goodbye',
  endUserHome: '/me',
  endUserAccount: '/me/account',
  endUserPrivacy: '/me/privacy',
  endUserThread: '/me/threads/:threadId',
} as const;

export const urls = {
  home: () => '/',
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  account: () => routePaths.account,
  workspaceNew: () => routePaths.workspaceNew,
  workspace: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`,
  workspaceCredits: (workspaceId: string, search = '') => `/workspaces/${encodeURIComponent(workspaceId)}/credits${search}`,
  /** The marketplace with the given filters and sort. */
  marketplace: (workspaceId: string, search: Partial<MarketplaceSearch> = {}) =>
    `/workspaces/${encodeURIComponent(workspaceId)}/marketplace${marketplaceSearchString(search)}`,
  segments: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/segments`,
  cart: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/cart`,
  purchases: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/purchases`,
  purchaseReports: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/purchases?tab=reports`,
  purchase: (workspaceId: string, purchaseId: string) =>
    `/workspaces/${encodeURIComponent(workspaceId)}/purchases/${encodeURIComponent(purchaseId)}`,
  creditsReturn: () => routePaths.creditsReturn,
  checkoutResult: () => routePaths.checkoutResult,
  optOut: () => routePaths.optOut,
  sandboxCheckout: (sessionId: string) => `/sandbox/checkout/${encodeURIComponent(sessionId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  requestNiches: () => routePaths.requestNiches,
  requestForm: (nicheSlug: string) => `/request/${encodeURIComponent(nicheSlug)}`,
  requestConfirm: (token: string) => `/requests/confirm?token=${encodeURIComponent(token)}`,
  goodbye: () => routePaths.goodbye,
  endUserHome: () => routePaths.endUserHome,
  endUserAccount: () => routePaths.endUserAccount,
  endUserPrivacy: () => routePaths.endUserPrivacy,
  endUserThread: (threadId: string) => `/me/threads/${encodeURIComponent(threadId)}`,
};

/** Pages of the other Hotlead apps, served by the same origin under their own base paths. */
export const externalUrls = {
  partnerOrg: (partnerOrgId: string) => `/partner/orgs/${encodeURIComponent(partnerOrgId)}`,
  providerInbox: (workspaceId: string) => `/admin/provider/${encodeURIComponent(workspaceId)}/inbox`,
};

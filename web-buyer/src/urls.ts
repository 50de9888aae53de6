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
  /** Where the payment provider sends the buyer back (`?purchase=<id>&result=success|cancelled`). */
  creditsReturn: '/credits',
  sandboxCheckout: '/sandbox/checkout/:sessionId',
  endUserHome: '/me',
  endUserAccount: '/me/account',
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
  creditsReturn: () => routePaths.creditsReturn,
  sandboxCheckout: (sessionId: string) => `/sandbox/checkout/${encodeURIComponent(sessionId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  endUserHome: () => routePaths.endUserHome,
  endUserAccount: () => routePaths.endUserAccount,
};

/** Pages of the other Hotlead apps, served by the same origin under their own base paths. */
export const externalUrls = {
  partnerOrg: (partnerOrgId: string) => `/partner/orgs/${encodeURIComponent(partnerOrgId)}`,
  providerInbox: (workspaceId: string) => `/admin/provider/${encodeURIComponent(workspaceId)}/inbox`,
};

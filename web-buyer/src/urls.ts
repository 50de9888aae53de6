/** Typed in-app URLs (relative to the `/buyer/` base path). */
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

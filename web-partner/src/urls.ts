/** Typed in-app URLs (relative to the `/partner/` base path). */
export const routePaths = {
  login: '/login',
  signup: '/signup',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  invite: '/invite/:token',
  home: '/',
  account: '/account',
  partnerOrgNew: '/orgs/new',
  partnerOrg: '/orgs/:partnerOrgId',
  partnerOrgPayouts: '/orgs/:partnerOrgId/payouts',
  /** Where the payout provider sends partners back after Connect onboarding (`?onboarding=return|refresh`). */
  payouts: '/payouts',
  /** The local sandbox's stand-in for Stripe's hosted Connect onboarding. */
  sandboxConnect: '/sandbox/connect/:accountId',
} as const;

export const urls = {
  home: () => '/',
  account: () => routePaths.account,
  partnerOrgNew: () => routePaths.partnerOrgNew,
  partnerOrg: (partnerOrgId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}`,
  partnerOrgPayouts: (partnerOrgId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}/payouts`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  sandboxConnect: (accountId: string) => `/sandbox/connect/${encodeURIComponent(accountId)}`,
};

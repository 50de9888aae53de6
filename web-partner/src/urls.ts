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
} as const;

export const urls = {
  home: () => '/',
  account: () => routePaths.account,
  partnerOrgNew: () => routePaths.partnerOrgNew,
  partnerOrg: (partnerOrgId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
};

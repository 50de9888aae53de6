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
  supply: '/orgs/:partnerOrgId/supply',
  uploads: '/orgs/:partnerOrgId/uploads',
  uploadNew: '/orgs/:partnerOrgId/uploads/new',
  upload: '/orgs/:partnerOrgId/uploads/:uploadId',
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
  supply: (partnerOrgId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}/supply`,
  uploads: (partnerOrgId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}/uploads`,
  /** The upload wizard; with `uploadId` it resumes at the column mapping of a file already uploaded. */
  uploadNew: (partnerOrgId: string, uploadId?: string) =>
    `/orgs/${encodeURIComponent(partnerOrgId)}/uploads/new${uploadId ? `?upload=${encodeURIComponent(uploadId)}` : ''}`,
  upload: (partnerOrgId: string, uploadId: string) => `/orgs/${encodeURIComponent(partnerOrgId)}/uploads/${encodeURIComponent(uploadId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  sandboxConnect: (accountId: string) => `/sandbox/connect/${encodeURIComponent(accountId)}`,
};

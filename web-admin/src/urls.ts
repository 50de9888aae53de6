import type { WorkspaceKind } from './gql/graphql';

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
  providerInbox: (workspaceId: string) => `/provider/${encodeURIComponent(workspaceId)}/inbox`,
  providerMembers: (workspaceId: string) => `/provider/${encodeURIComponent(workspaceId)}/members`,
};

/** The `kind` filter of the workspaces list, if it is a valid kind. */
export function parseWorkspaceKind(value: string | null): WorkspaceKind | null {
  return value === 'BUYER' || value === 'PROVIDER' ? value : null;
}

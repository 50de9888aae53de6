import type { GraphQLHandler } from 'msw';
import { AccountPageDocument, MeDocument, type AccountPageQuery, type MeQuery } from '../gql/graphql';
import { mockOperation, type WithTypename } from './graphql';

export type ViewerFixture = WithTypename<NonNullable<MeQuery['me']>>;

/** A signed-in viewer as `me` returns it (a verified buyer with session `sess-current`). */
export function buildViewer(overrides: Partial<ViewerFixture> = {}): ViewerFixture {
  return {
    __typename: 'User',
    id: 'user-1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    emailVerified: true,
    platformRole: null,
    isEndUser: false,
    currentSession: { __typename: 'Session', id: 'sess-current' },
    ...overrides,
  };
}

/** Answers `Me` with the given viewer, or `null` (signed out). */
export function mockViewer(viewer: ViewerFixture | null): GraphQLHandler {
  return mockOperation(MeDocument, { me: viewer });
}

export type AccountFixture = WithTypename<NonNullable<AccountPageQuery['me']>>;

/** The account page's view of the viewer: this browser's session and one other. */
export function buildAccount(overrides: Partial<AccountFixture> = {}): AccountFixture {
  return {
    __typename: 'User',
    id: 'user-1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    emailVerified: true,
    createdAt: '2026-01-01T09:00:00.000Z',
    sessions: [
      {
        __typename: 'Session',
        id: 'sess-current',
        createdAt: '2026-01-10T09:00:00.000Z',
        lastSeenAt: '2026-01-12T09:00:00.000Z',
        expiresAt: '2026-02-10T09:00:00.000Z',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
        ipAddress: '203.0.113.7',
        current: true,
      },
      {
        __typename: 'Session',
        id: 'sess-phone',
        createdAt: '2026-01-08T09:00:00.000Z',
        lastSeenAt: '2026-01-11T09:00:00.000Z',
        expiresAt: '2026-02-08T09:00:00.000Z',
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        ipAddress: '198.51.100.20',
        current: false,
      },
    ],
    ...overrides,
  };
}

/** Answers `AccountPage` with the given account. */
export function mockAccount(account: AccountFixture = buildAccount()): GraphQLHandler {
  return mockOperation(AccountPageDocument, { me: account });
}
